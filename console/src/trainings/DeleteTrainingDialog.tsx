import { answer, trainingApi } from '../api/client';
import { ConfirmDialog } from '../common/ConfirmDialog';
import type { Training } from './draft';

/** Deleting a training, asked first; the service refuses while it has participants. */
export function DeleteTrainingDialog({ training, onClose }: { training: Training; onClose: (done: boolean) => void }) {
  return (
    <ConfirmDialog title="Delete training" confirmLabel="Delete training" refused="The training was not deleted"
      onClose={onClose}
      onConfirm={() => answer(trainingApi.DELETE('/trainings/{id}', { params: { path: { id: training.id ?? '' } } }))}>
      {`Delete "${training.title}" with its sessions and history? Remove its participants first.`}
    </ConfirmDialog>
  );
}
