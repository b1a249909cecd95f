import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RespondentApp } from './RespondentApp';
import './respondent.css';

const root = document.getElementById('root');
if (!root) throw new Error('respond.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RespondentApp />
  </StrictMode>,
);
