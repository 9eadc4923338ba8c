/** A training as the service has it now, and how its screens ask for it again after a change. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, trainingApi } from '../api/client';

export function useTraining(id: string) {
  return useQuery({
    queryKey: ['training', id],
    queryFn: () => answer(trainingApi.GET('/trainings/{id}', { params: { path: { id } } })),
  });
}

/** After a change: the training (its seats and status), its participants and the lists read it again. */
export function useTrainingChanged(id: string) {
  const queries = useQueryClient();
  return () => Promise.all([
    queries.invalidateQueries({ queryKey: ['training', id] }),
    queries.invalidateQueries({ queryKey: ['participants', id] }),
    queries.invalidateQueries({ queryKey: ['trainings'] }),
  ]);
}
