// Catalog import and export: pick a CSV file, check it with a dry run (the counts and each bad row),
// then import it for real with a progress bar; or download the whole catalog as CSV.
import { useState, type FormEvent } from 'react';
import { products as productsApi } from '../../api/endpoints.ts';
import type { ImportJob } from '../../api/types.ts';
import { SelectField } from '../../components/Field.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';
import { useAction } from '../../hooks.ts';

type Format = 'emporium' | 'amazon';
const POLL_MS = 500;
const ERRORS_SHOWN = 200;

/** Starts an import job and follows it until it finishes, reporting each state on the way. */
async function runJob(file: File, format: Format, dryRun: boolean, onState: (job: ImportJob) => void): Promise<ImportJob> {
  const { jobId } = await productsApi.importCsv(file, { format, dryRun });
  for (;;) {
    const job = await productsApi.importJob(jobId);
    onState(job);
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function ImportSummary({ job, dryRun }: { job: ImportJob; dryRun: boolean }) {
  const verb = dryRun ? 'would be' : 'were';
  return (
    <div className="import-summary" aria-live="polite">
      {job.status === 'failed' ? <p className="notice error" role="alert">The import stopped: {job.message}</p> : null}
      <p>
        <strong>{job.rows}</strong> rows read: <strong>{job.created}</strong> products {verb} created, <strong>{job.updated}</strong> {verb} updated,{' '}
        <strong>{job.failed}</strong> rows have errors{job.failed ? ' and are skipped' : ''}.
      </p>
      {job.errors.length ? (
        <table className="data-table import-errors">
          <caption>Rows with errors{job.errors.length > ERRORS_SHOWN ? ` (the first ${ERRORS_SHOWN} of ${job.errors.length})` : ''}</caption>
          <thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
          <tbody>
            {job.errors.slice(0, ERRORS_SHOWN).map((e) => (
              <tr key={e.row}><td>{e.row}</td><td>{e.column || '—'}</td><td>{e.message}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function ExportButton() {
  const exporting = useAction();
  const save = () => void exporting.run(async () => {
    const blob = await productsApi.exportCsv();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'products.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  return (
    <>
      <button type="button" className="secondary" onClick={save} disabled={exporting.busy}>{exporting.busy ? 'Exporting…' : 'Export catalog (CSV)'}</button>
      <ErrorNotice error={exporting.error} />
    </>
  );
}

export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('emporium');
  const [checked, setChecked] = useState<ImportJob | null>(null);
  const [imported, setImported] = useState<ImportJob | null>(null);
  const [running, setRunning] = useState<ImportJob | null>(null);
  const action = useAction();

  const choose = (next: File | null) => {
    setFile(next);
    setChecked(null);
    setImported(null);
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    if (file) void action.run(async () => setChecked(await runJob(file, format, true, () => {})));
  };
  const importNow = () => file && void action.run(async () => {
    setImported(await runJob(file, format, false, setRunning));
    setRunning(null);
  });

  return (
    <section className="import-page">
      <div className="console-title">
        <h1>Import and export</h1>
        <ExportButton />
      </div>
      <p className="muted">A CSV file of up to 50 MB. Rows are matched by sku: importing the same file again changes nothing. Check it first: nothing is written until you import.</p>
      <form className="inline-form" onSubmit={check}>
        <label htmlFor="import-file">CSV file</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
        <SelectField label="Format" value={format} onChange={(e) => { setFormat(e.target.value as Format); setChecked(null); }}>
          <option value="emporium">Emporium (sku, name, description, category, price, stock, images, links)</option>
          <option value="amazon">Amazon sales dataset</option>
        </SelectField>
        <button type="submit" disabled={!file || action.busy}>{action.busy && !running ? 'Checking…' : 'Check file'}</button>
      </form>
      <ErrorNotice error={action.error} />
      {checked && !imported ? (
        <>
          <h2>Check (nothing written yet)</h2>
          <ImportSummary job={checked} dryRun />
          {checked.status === 'done' && checked.created + checked.updated > 0 ? (
            <button type="button" className="primary" onClick={importNow} disabled={action.busy}>
              Import {checked.created + checked.updated} products
            </button>
          ) : null}
        </>
      ) : null}
      {running ? (
        <div className="import-progress">
          <label htmlFor="import-progress">Importing… {Math.round(running.progress * 100)}%</label>
          <progress id="import-progress" max={1} value={running.progress} />
        </div>
      ) : null}
      {imported ? (
        <>
          {imported.status === 'done' ? <SuccessNotice>Import finished.</SuccessNotice> : null}
          <ImportSummary job={imported} dryRun={false} />
        </>
      ) : null}
    </section>
  );
}
