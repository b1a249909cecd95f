import { useId, useState } from 'react';
import type { EvidenceFile } from '../../../shared/api/self-assessment';
import { INLINE_MEDIA_TYPES } from '../../../shared/self-assessment/file-name';
import { useText } from '../text';
import { formatBytes } from '../self-assessment/model';
import type { AppraisalUrls } from './urls';

/**
 * The evidence files of one item as the council reads them: a PDF or an image opens in a new tab or right here in
 * the page (the server's ?view=inline, in a sandbox); any other kind (Word, Excel…) is downloaded.
 */
export function EvidenceViewer({ urls, files }: { urls: AppraisalUrls; files: readonly EvidenceFile[] }) {
  const { t } = useText();
  const listId = useId();
  return (
    <div className="ap-files">
      <p className="sa-files-title" id={listId}>
        {t('ap.files.title')}
      </p>
      {files.length === 0 ? (
        <p className="muted">{t('ap.files.none')}</p>
      ) : (
        <ul aria-labelledby={listId}>
          {files.map((f) => (
            <EvidenceEntry key={f.hash} urls={urls} file={f} />
          ))}
        </ul>
      )}
    </div>
  );
}

function EvidenceEntry({ urls, file }: { urls: AppraisalUrls; file: EvidenceFile }) {
  const { t } = useText();
  const [open, setOpen] = useState(false);
  const previewId = useId();
  const viewable = INLINE_MEDIA_TYPES.includes(file.mediaType);
  const image = file.mediaType.startsWith('image/');
  return (
    <li>
      {viewable ? (
        <a href={urls.view(file.hash)} target="_blank" rel="noopener noreferrer" aria-label={t('ap.files.openNamed', { name: file.name })}>
          {file.name}
        </a>
      ) : (
        <a href={urls.download(file.hash)} download={file.name} aria-label={t('ap.files.downloadNamed', { name: file.name })}>
          {file.name}
        </a>
      )}{' '}
      <span className="muted">
        ({formatBytes(file.size)}
        {viewable ? '' : ` · ${t('ap.files.download')}`})
      </span>
      {viewable && (
        <>
          {' '}
          <button
            type="button"
            className="sa-small"
            aria-expanded={open}
            aria-controls={previewId}
            aria-label={t(open ? 'ap.files.hideNamed' : 'ap.files.showNamed', { name: file.name })}
            onClick={() => setOpen(!open)}
          >
            {open ? t('ap.files.hide') : t('ap.files.show')}
          </button>
          <div id={previewId} className="ap-preview" hidden={!open}>
            {open && (image ? <img src={urls.view(file.hash)} alt={file.name} /> : <iframe src={urls.view(file.hash)} title={file.name} />)}
          </div>
        </>
      )}
    </li>
  );
}
