import { ValidationError } from '../model';
import type { ArtifactStore } from '../ports';
import { asFieldProblem } from './fieldErrors';
import { isLocalPath, resolveInsideRoot } from './localPaths';

/**
 * A job's `code` becomes its working directory through the job's code snapshot (so the run sees
 * exactly the snapshot): a local folder inside the data root is copied to the snapshot, then into
 * `workingDir`; a folder URI — a blob URL of the account or `azureml://datastores/…/paths/…/`, which
 * is where the CLI uploads a job's local code — is downloaded into `workingDir`, which then becomes
 * the snapshot.
 */
export async function snapshotCode(context: { artifacts: ArtifactStore; dataRoot: string }, job: string, code: string, workingDir: string): Promise<void> {
  if (isLocalPath(code)) {
    const codeDir = await resolveInsideRoot(context.dataRoot, code, 'code', 'folder');
    await context.artifacts.uploadSnapshot(job, codeDir);
    await context.artifacts.downloadSnapshot(job, workingDir);
    return;
  }
  const downloaded = await asFieldProblem('code', 'invalid code', () => context.artifacts.downloadInput(code, workingDir));
  if (downloaded !== workingDir) throw new ValidationError([{ path: 'code', message: `"${code}" is a single file; code must be a folder (end the URI with "/")` }], { summary: 'invalid code' });
  await context.artifacts.uploadSnapshot(job, workingDir);
}
