/* sillon-sheet-layout.h — lays out a printed sheet in pages with Pango, draws them on any cairo_t
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sheet is built top to bottom from blocks (titles, paragraphs, fields,
 * tables, charts, a QR code, signature boxes…). Each block is placed as it
 * is added, on the current page or on a new one: a paragraph continues on
 * the next page line by line, a table continues with its heading row
 * repeated. The result is a list of pages that can be drawn on any cairo_t
 * whose unit is the point and whose origin is the page's top left corner:
 * a PDF surface, or a printer's context (GtkPrintOperation). The same pages
 * are thus printed and saved, and can be tested without a display.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SILLON_SHEET_PAPER_A4,
  SILLON_SHEET_PAPER_LETTER,
} SillonSheetPaper;

/* "a4" or "letter" (case-insensitive); FALSE for anything else. */
gboolean sillon_sheet_paper_from_name (const char *name, SillonSheetPaper *out_paper);
void sillon_sheet_paper_get_size (SillonSheetPaper paper, double *out_width, double *out_height);

/* Nothing is ever drawn closer than this to an edge of the paper (points):
 * most printers cannot print the last 5 mm. */
#define SILLON_SHEET_SAFE_MARGIN (10.0 * 72.0 / 25.4)

typedef enum
{
  SILLON_SHEET_TEXT_BODY,    /* 12 pt: everything the person reads */
  SILLON_SHEET_TEXT_STRONG,  /* 12 pt bold */
  SILLON_SHEET_TEXT_SMALL,   /* 10 pt: for professionals only (part 2, legal mentions) */
  SILLON_SHEET_TEXT_HEADING, /* 15 pt bold */
  SILLON_SHEET_TEXT_TITLE,   /* 22 pt bold */
  SILLON_SHEET_TEXT_CODE,    /* 16 pt monospace, for keys to copy by hand */
} SillonSheetText;

typedef struct _SillonSheetDoc SillonSheetDoc;

/* @rtl: the sheet's language is written right to left; the layout is
 * mirrored (columns, charts). Paragraphs always follow their own direction:
 * an Arabic name in a French sheet is shaped and aligned as Arabic. */
SillonSheetDoc *sillon_sheet_doc_new (SillonSheetPaper paper, gboolean rtl);
void sillon_sheet_doc_free (SillonSheetDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonSheetDoc, sillon_sheet_doc_free)

SillonSheetPaper sillon_sheet_doc_get_paper (SillonSheetDoc *doc);
/* The printable width between the margins, in points. */
double sillon_sheet_doc_get_body_width (SillonSheetDoc *doc);

/* Blocks. Every text may be of any length; none is clipped. Text given to
 * blocks is also added to the sheet's canonical content (what the
 * fingerprint covers), in order; the footer is not. */
void sillon_sheet_doc_add_text (SillonSheetDoc *doc, SillonSheetText style, const char *text);
/* A heading kept on the same page as the start of what follows it. */
void sillon_sheet_doc_add_heading (SillonSheetDoc *doc, const char *text);
/* From here on, fields and body text are set small (10 pt): for a part of
 * a sheet that professionals read, never for the person's own parts. */
void sillon_sheet_doc_set_small (SillonSheetDoc *doc, gboolean small);
/* "label: value" as two aligned columns; a NULL or empty value prints nothing. */
void sillon_sheet_doc_add_field (SillonSheetDoc *doc, const char *label, const char *value);
void sillon_sheet_doc_add_bullets (SillonSheetDoc *doc, const char *const *items);
/* @header: @n_columns strings, repeated at the top of each page the table
 * spans; @rows: GStrv of @n_columns each; @widths: the share of each
 * column (they are normalised). */
void sillon_sheet_doc_add_table (SillonSheetDoc *doc,
                                 guint n_columns,
                                 const double *widths,
                                 const char *const *header,
                                 GPtrArray *rows);

/* A horizontal bar chart on a 0–100 scale, readable in black and white:
 * the first value is a light bar, the latest a dark bar below it, each with
 * its number. A value < 0 is "not measured". */
typedef struct
{
  const char *label;
  int first;
  int latest;
} SillonSheetBar;

void sillon_sheet_doc_add_chart (SillonSheetDoc *doc,
                                 const char *first_legend,
                                 const char *latest_legend,
                                 const SillonSheetBar *bars,
                                 guint n_bars);

/* A QR code for @link (@size points wide, quiet zone included) with
 * @caption beside it. */
gboolean sillon_sheet_doc_add_qr (SillonSheetDoc *doc,
                                  const char *link,
                                  const char *caption,
                                  double size,
                                  GError **error);
/* A dashed line across the page with scissors and @caption under it. */
void sillon_sheet_doc_add_cut_line (SillonSheetDoc *doc, const char *caption);
/* Empty boxes to sign in, side by side, each with its label above. */
void sillon_sheet_doc_add_signature_boxes (SillonSheetDoc *doc, const char *const *labels);
void sillon_sheet_doc_add_space (SillonSheetDoc *doc, double points);
/* Starts a new page unless @points fit below what is already there, so
 * that a short section is not split (at most a page's height counts). */
void sillon_sheet_doc_keep_together (SillonSheetDoc *doc, double points);
void sillon_sheet_doc_new_page (SillonSheetDoc *doc);

/* Footer on every page: @text (e.g. the fingerprint and the date) and
 * @page_format, in which "{page}" and "{pages}" become the numbers. */
void sillon_sheet_doc_set_footer (SillonSheetDoc *doc, const char *text, const char *page_format);
/* Title and author of the PDF document. */
void sillon_sheet_doc_set_metadata (SillonSheetDoc *doc, const char *title, const char *author);

/* What the fingerprint covers: every text of every block, in order. */
const char *sillon_sheet_doc_get_canonical (SillonSheetDoc *doc);

guint sillon_sheet_doc_get_n_pages (SillonSheetDoc *doc);
/* Draws page @page (from 0) on @cr, in points from the top left corner. */
void sillon_sheet_doc_draw_page (SillonSheetDoc *doc, cairo_t *cr, guint page);
/* The whole sheet as a PDF document, every font embedded. */
GBytes *sillon_sheet_doc_to_pdf (SillonSheetDoc *doc, GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Writes the PDF, mode 0600; an existing @path is replaced atomically. */
gboolean sillon_sheet_doc_write_pdf (SillonSheetDoc *doc, const char *path, GError **error);

G_END_DECLS
