/**
 * Field-level errors of the pages' forms: each problem — from the same zod schema the API checks
 * with, or from a 400 problem's `errors[]` — shown next to the field it names, the rest in the
 * form's result line. One look for every form (home page forms, the import dialog).
 */
import type { z } from 'zod';
import { issueWords } from './api.js';
import { h } from './dom.js';
import { issueForPeople } from './issue-words.js';

export interface Issue {
  path: string;
  message: string;
}

export const field = (f: HTMLFormElement, name: string) => f.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;

export function result(f: HTMLFormElement, text: string, error = false): void {
  const p = f.querySelector('.result')!;
  p.textContent = text;
  p.classList.toggle('error', error);
}

export function clearErrors(f: HTMLFormElement): void {
  f.querySelectorAll('.field-error').forEach((el) => el.remove());
  f.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  result(f, '');
}

/**
 * Shows each issue next to its field; those naming no field go in the form's result line.
 * `fieldOf` names the field of a body path a form shows under another name.
 */
export function showErrors(f: HTMLFormElement, issues: Issue[], fieldOf: Record<string, string> = {}): void {
  const unplaced: string[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    // A problem listed twice (a 400's detail and errors[]) is said once.
    if (seen.has(`${issue.path}\u0000${issue.message}`)) continue;
    seen.add(`${issue.path}\u0000${issue.message}`);
    const path = issue.path.replace(/^\//, '');
    const input = field(f, fieldOf[path] ?? path.split('/')[0] ?? '');
    if (!input) {
      unplaced.push(issueWords(issue));
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    input.closest('label')!.append(h('span', { class: 'field-error', text: issueForPeople(issue).message }));
  }
  if (unplaced.length) result(f, unplaced.join('; '), true);
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }));
}

/** A field's error goes as soon as the field is edited. */
export function clearOnEdit(f: HTMLFormElement): void {
  f.addEventListener('input', (e) => {
    const label = (e.target as HTMLElement).closest('label');
    label?.querySelector('.field-error')?.remove();
    label?.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
  });
}

let fieldErrorIds = 0;

/**
 * Shows a message right after one field (a field outside a form, or one whose problem comes from
 * elsewhere: a row's snooze date, a path's person), described by it for screen readers; undefined
 * clears it.
 */
export function fieldError(input: HTMLElement, text: string | undefined): void {
  if (!input.id) input.id = `field-${++fieldErrorIds}`;
  const id = `${input.id}-error`;
  document.getElementById(id)?.remove();
  if (text === undefined) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    return;
  }
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.after(h('span', { id, class: 'field-error', role: 'alert', text }));
}
