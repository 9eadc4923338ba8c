import { answered } from '../api/client';
import { fileNameOf } from './words';

/**
 * Saves a file the API answers (fetched with the bearer token, so a plain link would not do) under the server's
 * name: the body as a Blob behind an object URL, clicked on a download anchor. Refusals throw an ApiError.
 */
export async function saveFile(call: Promise<{ data?: Blob; error?: unknown; response: Response }>,
    fallbackName: string): Promise<string> {
  const { data, response } = await answered(call);
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(data);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // the browser has taken the file once the click is handled; the URL would otherwise hold the Blob until unload
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
