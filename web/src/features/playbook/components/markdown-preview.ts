/**
 * The editor's live preview. Saved texts are always shown as the server renders them (markdown-it,
 * then sanitize-html); the preview uses the same markdown-it settings with raw HTML off, which
 * escapes tags and refuses javascript:, vbscript: and data: links, so what the champion types is
 * never run even before it is saved.
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

export function previewMarkdown(source: string): string {
  return markdown.render(source);
}
