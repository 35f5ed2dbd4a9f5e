/* sillon-sheet-layout.c — lays out a printed sheet in pages with Pango, draws them on any cairo_t
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-sheet-layout.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "sillon-sheet-error.h"

/* Noto Sans is well hinted and covers Latin, Greek, Cyrillic and Vietnamese;
 * Noto Sans Arabic the Arabic script; DejaVu Sans whatever symbol the two
 * lack. All three are Debian packages (fonts-noto-core, fonts-dejavu-core)
 * that the set-up scripts install; fontconfig falls back further for any
 * other script. */
#define SHEET_FONT_FAMILY "Noto Sans,Noto Sans Arabic,DejaVu Sans"
#define SHEET_MONO_FAMILY "DejaVu Sans Mono"

/* Margins in points. The bottom one leaves room for the footer, itself
 * above SILLON_SHEET_SAFE_MARGIN. */
#define MARGIN_TOP 42.0
#define MARGIN_SIDE 48.0
#define MARGIN_BOTTOM 64.0
#define FOOTER_BASELINE_FROM_BOTTOM 38.0

#define PARAGRAPH_GAP 6.0
#define CELL_PAD 3.0
#define BULLET_INDENT 18.0
#define BAR_HEIGHT 11.0
#define SIGNATURE_BOX_HEIGHT 50.0

typedef enum
{
  OP_LINE, /* one line of a PangoLayout, x at its left edge, y at its baseline */
  OP_FILL, /* a filled rectangle */
  OP_RULE, /* a horizontal or vertical hairline from (x, y) to (x + w, y + h) */
  OP_DASH, /* a dashed line */
  OP_BOX,  /* a stroked rectangle */
  OP_QR,   /* QR code modules */
} OpKind;

typedef struct
{
  OpKind kind;
  double x, y, w, h;
  double gray; /* 0 black, 1 white */
  PangoLayout *layout;
  int line;
  guint8 *qr; /* qr_width × qr_width, 1 for a dark module */
  int qr_width;
} Op;

typedef struct
{
  double top;      /* from the layout's top, points */
  double height;   /* logical height */
  double baseline; /* from the layout's top */
  double x;        /* left edge of the line inside the layout (alignment) */
} LineBox;

struct _SillonSheetDoc
{
  SillonSheetPaper paper;
  double width, height;
  gboolean rtl;
  double left, right, top, bottom; /* the body's box */
  PangoContext *context;
  GPtrArray *pages; /* GArray of Op */
  double y;         /* where the next block starts on the last page */
  GString *canonical;
  char *footer;
  char *page_format;
  char *title;
  char *author;
  gboolean small; /* fields and body text at 10 pt */
};

gboolean
sillon_sheet_paper_from_name (const char *name, SillonSheetPaper *out_paper)
{
  if (name != NULL && g_ascii_strcasecmp (name, "a4") == 0)
    *out_paper = SILLON_SHEET_PAPER_A4;
  else if (name != NULL && g_ascii_strcasecmp (name, "letter") == 0)
    *out_paper = SILLON_SHEET_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
sillon_sheet_paper_get_size (SillonSheetPaper paper, double *out_width, double *out_height)
{
  if (paper == SILLON_SHEET_PAPER_LETTER)
    {
      *out_width = 612.0;
      *out_height = 792.0;
    }
  else
    {
      *out_width = 210.0 * 72.0 / 25.4;
      *out_height = 297.0 * 72.0 / 25.4;
    }
}

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
  g_clear_pointer (&op->qr, g_free);
}

static GArray *
page_new (void)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (ops, op_clear);
  return ops;
}

static GArray *
current_page (SillonSheetDoc *doc)
{
  return g_ptr_array_index (doc->pages, doc->pages->len - 1);
}

static void
start_page (SillonSheetDoc *doc)
{
  g_ptr_array_add (doc->pages, page_new ());
  doc->y = doc->top;
}

SillonSheetDoc *
sillon_sheet_doc_new (SillonSheetPaper paper, gboolean rtl)
{
  SillonSheetDoc *doc = g_new0 (SillonSheetDoc, 1);
  cairo_font_options_t *options;

  doc->paper = paper;
  doc->rtl = rtl;
  sillon_sheet_paper_get_size (paper, &doc->width, &doc->height);
  doc->left = MARGIN_SIDE;
  doc->right = doc->width - MARGIN_SIDE;
  doc->top = MARGIN_TOP;
  doc->bottom = doc->height - MARGIN_BOTTOM;

  /* One point per unit, and metrics that do not depend on the device: the
   * pages laid out here are drawn unchanged on a PDF or a printer. */
  doc->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (doc->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_base_dir (doc->context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);

  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  doc->canonical = g_string_new (NULL);
  start_page (doc);
  return doc;
}

void
sillon_sheet_doc_free (SillonSheetDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_object (&doc->context);
  g_ptr_array_unref (doc->pages);
  g_string_free (doc->canonical, TRUE);
  g_free (doc->footer);
  g_free (doc->page_format);
  g_free (doc->title);
  g_free (doc->author);
  g_free (doc);
}

SillonSheetPaper
sillon_sheet_doc_get_paper (SillonSheetDoc *doc)
{
  return doc->paper;
}

double
sillon_sheet_doc_get_body_width (SillonSheetDoc *doc)
{
  return doc->right - doc->left;
}

const char *
sillon_sheet_doc_get_canonical (SillonSheetDoc *doc)
{
  return doc->canonical->str;
}

static void
canon (SillonSheetDoc *doc, const char *text)
{
  g_string_append (doc->canonical, text != NULL ? text : "");
  g_string_append_c (doc->canonical, '\n');
}

/* ---------------------------------------------------------------------- */
/* Text */

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static PangoLayout *
make_layout (SillonSheetDoc *doc, SillonSheetText style, const char *text, double width)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  PangoFontDescription *font;
  double size = 12.0;
  gboolean bold = FALSE;

  if (doc->small && (style == SILLON_SHEET_TEXT_BODY || style == SILLON_SHEET_TEXT_STRONG))
    size = 10.0;
  switch (style)
    {
      case SILLON_SHEET_TEXT_BODY:
        break;
      case SILLON_SHEET_TEXT_STRONG:
        bold = TRUE;
        break;
      case SILLON_SHEET_TEXT_SMALL:
        size = 10.0;
        break;
      case SILLON_SHEET_TEXT_HEADING:
        size = 15.0;
        bold = TRUE;
        break;
      case SILLON_SHEET_TEXT_TITLE:
        size = 22.0;
        bold = TRUE;
        break;
      case SILLON_SHEET_TEXT_CODE:
        size = 16.0;
        break;
      default:
        g_assert_not_reached ();
    }

  font = pango_font_description_from_string (style == SILLON_SHEET_TEXT_CODE ? SHEET_MONO_FAMILY : SHEET_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  /* Words that are longer than the line (a 200-character name without a
   * space, a link) are broken between characters rather than overflowing. */
  pango_layout_set_width (layout, (int) (MAX (width, 10.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Each paragraph follows its own direction (auto-dir is on): in a
   * left-to-right sheet an Arabic paragraph swaps LEFT for RIGHT, and the
   * reverse in a right-to-left sheet. */
  pango_layout_set_alignment (layout, doc->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  if (text != NULL && text[0] != '\0' && !has_letter (text))
    {
      /* A text without a letter (a phone number, a date in digits, a
       * code) reads left to right in every language: without this mark a
       * right-to-left sheet would print "+33 3 26" as "33 3 26+". */
      g_autofree char *marked = g_strconcat ("\u200e", text, NULL);
      pango_layout_set_text (layout, marked, -1);
    }
  else
    pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) logical.y / PANGO_SCALE;
      box.height = (double) logical.height / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      box.x = (double) logical.x / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

static double
lines_height (GArray *lines, guint from, guint to)
{
  const LineBox *first, *last;

  if (to <= from)
    return 0.0;
  first = &g_array_index (lines, LineBox, from);
  last = &g_array_index (lines, LineBox, to - 1);
  return last->top + last->height - first->top;
}

static void
add_op (GArray *page, const Op *op)
{
  g_array_append_vals (page, op, 1);
}

static void
add_line_op (GArray *page, PangoLayout *layout, int line, double x, double baseline)
{
  Op op = { 0 };

  op.kind = OP_LINE;
  op.layout = g_object_ref (layout);
  op.line = line;
  op.x = x;
  op.y = baseline;
  op.gray = 0.0;
  add_op (page, &op);
}

static void
add_shape_op (GArray *page, OpKind kind, double x, double y, double w, double h, double gray)
{
  Op op = { 0 };

  op.kind = kind;
  op.x = x;
  op.y = y;
  op.w = w;
  op.h = h;
  op.gray = gray;
  add_op (page, &op);
}

/* Places @layout's lines from doc->y at @x, going on to new pages as
 * needed; returns the page and baseline of its first line. */
static void
place_layout (SillonSheetDoc *doc, PangoLayout *layout, double x, guint *out_first_page, double *out_first_baseline)
{
  g_autoptr (GArray) lines = layout_lines (layout);
  double origin = doc->y - g_array_index (lines, LineBox, 0).top;

  for (guint i = 0; i < lines->len; i++)
    {
      const LineBox *box = &g_array_index (lines, LineBox, i);

      if (origin + box->top + box->height > doc->bottom && origin + box->top > doc->top)
        {
          start_page (doc);
          origin = doc->top - box->top;
        }
      add_line_op (current_page (doc), layout, (int) i, x + box->x, origin + box->baseline);
      if (i == 0)
        {
          if (out_first_page != NULL)
            *out_first_page = doc->pages->len - 1;
          if (out_first_baseline != NULL)
            *out_first_baseline = origin + box->baseline;
        }
      doc->y = origin + box->top + box->height;
    }
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Starts a new page unless @height fits below doc->y (a block kept whole). */
static void
keep_together (SillonSheetDoc *doc, double height)
{
  if (doc->y + height > doc->bottom && doc->y > doc->top)
    start_page (doc);
}

void
sillon_sheet_doc_add_text (SillonSheetDoc *doc, SillonSheetText style, const char *text)
{
  g_autoptr (PangoLayout) layout = NULL;

  g_return_if_fail (doc != NULL);

  layout = make_layout (doc, style, text, doc->right - doc->left);
  canon (doc, text);
  if (style == SILLON_SHEET_TEXT_TITLE || style == SILLON_SHEET_TEXT_CODE)
    keep_together (doc, MIN (layout_height (layout), doc->bottom - doc->top));
  place_layout (doc, layout, doc->left, NULL, NULL);
  doc->y += PARAGRAPH_GAP;
}

void
sillon_sheet_doc_add_heading (SillonSheetDoc *doc, const char *text)
{
  g_autoptr (PangoLayout) layout = NULL;
  double height;

  g_return_if_fail (doc != NULL);

  layout = make_layout (doc, SILLON_SHEET_TEXT_HEADING, text, doc->right - doc->left);
  height = layout_height (layout);
  canon (doc, text);
  doc->y += 8.0;
  /* Never a heading alone at the foot of a page: room for it and for three
   * lines of what follows. */
  keep_together (doc, MIN (height + 3 * 18.0, doc->bottom - doc->top));
  place_layout (doc, layout, doc->left, NULL, NULL);
  doc->y += 2.0;
  add_shape_op (current_page (doc), OP_RULE, doc->left, doc->y, doc->right - doc->left, 0.0, 0.0);
  doc->y += PARAGRAPH_GAP;
}

void
sillon_sheet_doc_add_space (SillonSheetDoc *doc, double points)
{
  doc->y = MIN (doc->y + points, doc->bottom);
}

void
sillon_sheet_doc_keep_together (SillonSheetDoc *doc, double points)
{
  keep_together (doc, MIN (points, doc->bottom - doc->top));
}

void
sillon_sheet_doc_new_page (SillonSheetDoc *doc)
{
  if (doc->y > doc->top)
    start_page (doc);
}

void
sillon_sheet_doc_add_bullets (SillonSheetDoc *doc, const char *const *items)
{
  g_return_if_fail (doc != NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autoptr (PangoLayout) layout = make_layout (doc, SILLON_SHEET_TEXT_BODY, items[i],
                                                    doc->right - doc->left - BULLET_INDENT);
      g_autoptr (PangoLayout) bullet = make_layout (doc, SILLON_SHEET_TEXT_BODY, "•", BULLET_INDENT);
      guint page;
      double baseline;
      double x = doc->rtl ? doc->left : doc->left + BULLET_INDENT;
      double bullet_x = doc->rtl ? doc->right - BULLET_INDENT * 0.6 : doc->left + 4.0;

      canon (doc, items[i]);
      place_layout (doc, layout, x, &page, &baseline);
      add_line_op (g_ptr_array_index (doc->pages, page), bullet, 0, bullet_x, baseline);
      doc->y += 3.0;
    }
  doc->y += PARAGRAPH_GAP - 3.0;
}

/* ---------------------------------------------------------------------- */
/* Rows: fields and tables */

typedef struct
{
  PangoLayout *layout;
  GArray *lines;
  double x; /* left edge of the text */
} Cell;

typedef struct
{
  guint n;
  Cell *header; /* NULL: no heading row */
  double header_height;
  gboolean rules;
} RowSet;

static void
cells_clear (Cell *cells, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&cells[i].layout);
      g_clear_pointer (&cells[i].lines, g_array_unref);
    }
}

static void
make_cells (SillonSheetDoc *doc, Cell *cells, guint n, const double *widths, const SillonSheetText *styles, const char *const *texts)
{
  double total = 0.0, offset = 0.0;
  double body = doc->right - doc->left;

  for (guint i = 0; i < n; i++)
    total += widths[i];
  for (guint i = 0; i < n; i++)
    {
      double w = body * widths[i] / total;
      double inner = w - 2 * CELL_PAD;

      cells[i].layout = make_layout (doc, styles[i], texts[i], inner);
      cells[i].lines = layout_lines (cells[i].layout);
      cells[i].x = doc->rtl ? doc->right - offset - w + CELL_PAD : doc->left + offset + CELL_PAD;
      offset += w;
    }
}

/* How far the first line of each cell of a row must go down for all of
 * them to share the row's first baseline (the tallest first line's). */
static double
cell_drop (const Cell *cells, guint n, guint i)
{
  double row_baseline = 0.0;

  if (cells[i].lines->len == 0)
    return 0.0;
  for (guint c = 0; c < n; c++)
    if (cells[c].lines->len > 0)
      {
        const LineBox *first = &g_array_index (cells[c].lines, LineBox, 0);
        row_baseline = MAX (row_baseline, first->baseline - first->top);
      }
  return row_baseline - (g_array_index (cells[i].lines, LineBox, 0).baseline - g_array_index (cells[i].lines, LineBox, 0).top);
}

static double
cells_height (const Cell *cells, guint n)
{
  double h = 0.0;

  for (guint i = 0; i < n; i++)
    h = MAX (h, cell_drop (cells, n, i) + lines_height (cells[i].lines, 0, cells[i].lines->len));
  return h + 2 * CELL_PAD;
}

static void
place_header (SillonSheetDoc *doc, const RowSet *set)
{
  GArray *page = current_page (doc);

  add_shape_op (page, OP_FILL, doc->left, doc->y, doc->right - doc->left, set->header_height, 0.85);
  for (guint c = 0; c < set->n; c++)
    {
      const Cell *cell = &set->header[c];
      double drop = cell_drop (set->header, set->n, c);

      for (guint i = 0; i < cell->lines->len; i++)
        {
          const LineBox *box = &g_array_index (cell->lines, LineBox, i);
          add_line_op (page, cell->layout, (int) i, cell->x + box->x, doc->y + CELL_PAD + drop + box->baseline);
        }
    }
  doc->y += set->header_height;
  add_shape_op (page, OP_RULE, doc->left, doc->y, doc->right - doc->left, 0.0, 0.0);
}

static void
row_new_page (SillonSheetDoc *doc, const RowSet *set)
{
  start_page (doc);
  if (set->header != NULL)
    place_header (doc, set);
}

/* A row is kept whole when it fits on a page; otherwise its cells continue
 * side by side on the next pages, line by line, under the repeated heading. */
static void
place_row (SillonSheetDoc *doc, const RowSet *set, Cell *cells)
{
  double height = cells_height (cells, set->n);
  double room = doc->bottom - doc->top - set->header_height;
  g_autofree guint *next = g_new0 (guint, set->n);
  gboolean done = FALSE;

  if (doc->y + height > doc->bottom && height <= room)
    row_new_page (doc, set);

  while (!done)
    {
      double available = doc->bottom - doc->y - 2 * CELL_PAD;
      double band = 0.0;
      double row_baseline = 0.0;
      gboolean placed = FALSE;
      GArray *page = current_page (doc);

      /* The cells of a row share their first baseline: an Arabic line is
       * taller than a Latin one (Noto Sans Arabic's ascent), and a label
       * and its value top-aligned would not read as one line. */
      for (guint c = 0; c < set->n; c++)
        if (next[c] < cells[c].lines->len)
          {
            const LineBox *first = &g_array_index (cells[c].lines, LineBox, next[c]);
            row_baseline = MAX (row_baseline, first->baseline - first->top);
          }

      done = TRUE;
      for (guint c = 0; c < set->n; c++)
        {
          Cell *cell = &cells[c];
          guint from = next[c];
          double first_top, drop;

          if (from >= cell->lines->len)
            continue;
          first_top = g_array_index (cell->lines, LineBox, from).top;
          drop = row_baseline - (g_array_index (cell->lines, LineBox, from).baseline - first_top);
          while (next[c] < cell->lines->len && drop + lines_height (cell->lines, from, next[c] + 1) <= available)
            {
              const LineBox *box = &g_array_index (cell->lines, LineBox, next[c]);

              add_line_op (page, cell->layout, (int) next[c], cell->x + box->x,
                           doc->y + CELL_PAD + drop + box->baseline - first_top);
              next[c]++;
              placed = TRUE;
            }
          if (next[c] > from)
            band = MAX (band, drop + lines_height (cell->lines, from, next[c]));
          if (next[c] < cell->lines->len)
            done = FALSE;
        }

      if (!placed && !done)
        {
          row_new_page (doc, set);
          continue;
        }
      doc->y += band + 2 * CELL_PAD;
      if (set->rules)
        add_shape_op (page, OP_RULE, doc->left, doc->y, doc->right - doc->left, 0.0, 0.6);
      if (!done)
        row_new_page (doc, set);
    }
}

void
sillon_sheet_doc_set_small (SillonSheetDoc *doc, gboolean small)
{
  doc->small = small;
}

void
sillon_sheet_doc_add_field (SillonSheetDoc *doc, const char *label, const char *value)
{
  static const double widths[] = { 0.36, 0.64 };
  static const SillonSheetText styles[] = { SILLON_SHEET_TEXT_STRONG, SILLON_SHEET_TEXT_BODY };
  Cell cells[2] = { { 0 } };
  RowSet set = { 2, NULL, 0.0, FALSE };
  const char *texts[2];

  g_return_if_fail (doc != NULL && label != NULL);

  if (value == NULL || value[0] == '\0')
    return;
  texts[0] = label;
  texts[1] = value;
  g_string_append_printf (doc->canonical, "%s: ", label);
  canon (doc, value);
  make_cells (doc, cells, 2, widths, styles, texts);
  place_row (doc, &set, cells);
  cells_clear (cells, 2);
}

void
sillon_sheet_doc_add_table (SillonSheetDoc *doc,
                            guint n_columns,
                            const double *widths,
                            const char *const *header,
                            GPtrArray *rows)
{
  g_autofree SillonSheetText *styles = NULL;
  g_autofree Cell *head = NULL;
  g_autofree Cell *cells = NULL;
  RowSet set = { 0 };

  g_return_if_fail (doc != NULL && n_columns > 0 && widths != NULL && header != NULL);

  styles = g_new (SillonSheetText, n_columns);
  head = g_new0 (Cell, n_columns);
  cells = g_new0 (Cell, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      styles[c] = SILLON_SHEET_TEXT_STRONG;
      g_string_append (doc->canonical, header[c]);
      g_string_append_c (doc->canonical, c + 1 < n_columns ? '\t' : '\n');
    }
  make_cells (doc, head, n_columns, widths, styles, header);
  for (guint c = 0; c < n_columns; c++)
    styles[c] = SILLON_SHEET_TEXT_BODY;

  set.n = n_columns;
  set.header = head;
  set.header_height = cells_height (head, n_columns);
  set.rules = TRUE;

  /* The heading row never stands alone at the foot of a page. */
  {
    double first = 0.0;

    if (rows != NULL && rows->len > 0)
      {
        make_cells (doc, cells, n_columns, widths, styles, g_ptr_array_index (rows, 0));
        first = MIN (cells_height (cells, n_columns), 3 * 18.0);
        cells_clear (cells, n_columns);
      }
    keep_together (doc, set.header_height + first);
  }
  place_header (doc, &set);

  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      const char *const *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (doc->canonical, row[c] != NULL ? row[c] : "");
          g_string_append_c (doc->canonical, c + 1 < n_columns ? '\t' : '\n');
        }
      make_cells (doc, cells, n_columns, widths, styles, row);
      place_row (doc, &set, cells);
      cells_clear (cells, n_columns);
    }
  cells_clear (head, n_columns);
  doc->y += PARAGRAPH_GAP * 2;
}

/* ---------------------------------------------------------------------- */
/* Chart, QR code, cut line, signature boxes */

static void
place_small_text_at (SillonSheetDoc *doc, SillonSheetText style, const char *text, double x, double top, double width)
{
  g_autoptr (PangoLayout) layout = make_layout (doc, style, text, width);
  g_autoptr (GArray) lines = layout_lines (layout);
  GArray *page = current_page (doc);

  for (guint i = 0; i < lines->len; i++)
    {
      const LineBox *box = &g_array_index (lines, LineBox, i);
      add_line_op (page, layout, (int) i, x + box->x, top + box->baseline);
    }
}

static double
text_height (SillonSheetDoc *doc, SillonSheetText style, const char *text, double width)
{
  g_autoptr (PangoLayout) layout = make_layout (doc, style, text, width);
  return layout_height (layout);
}

#define BAR_FIRST_GRAY 0.72
#define BAR_LATEST_GRAY 0.15
#define BAR_NUMBER_WIDTH 40.0

static void
place_bar (SillonSheetDoc *doc, int value, double gray, double y)
{
  double full = doc->right - doc->left - BAR_NUMBER_WIDTH;
  GArray *page = current_page (doc);
  g_autofree char *number = value >= 0 ? g_strdup_printf ("%d", value) : g_strdup ("–");
  double w = value > 0 ? full * MIN (value, 100) / 100.0 : 0.0;
  double x = doc->rtl ? doc->right - w : doc->left;
  double number_x = doc->rtl ? doc->left : doc->left + full + 6.0;

  /* The frame shows the whole scale, so that a short bar reads as short. */
  add_shape_op (page, OP_BOX, doc->left + (doc->rtl ? BAR_NUMBER_WIDTH : 0.0), y, full, BAR_HEIGHT, 0.55);
  if (w > 0.0)
    add_shape_op (page, OP_FILL, x, y, w, BAR_HEIGHT, gray);
  place_small_text_at (doc, SILLON_SHEET_TEXT_SMALL, number, number_x, y - 1.5, BAR_NUMBER_WIDTH - 6.0);
}

void
sillon_sheet_doc_add_chart (SillonSheetDoc *doc,
                            const char *first_legend,
                            const char *latest_legend,
                            const SillonSheetBar *bars,
                            guint n_bars)
{
  double body = doc->right - doc->left;
  double half = body / 2.0;

  g_return_if_fail (doc != NULL);

  /* Legend: a swatch of each shade and what it means. */
  {
    double h = MAX (text_height (doc, SILLON_SHEET_TEXT_SMALL, first_legend, half - 24.0),
                    text_height (doc, SILLON_SHEET_TEXT_SMALL, latest_legend, half - 24.0));
    double x1 = doc->rtl ? doc->right - 16.0 : doc->left;
    double x2 = doc->rtl ? doc->right - half - 16.0 : doc->left + half;
    double t1 = doc->rtl ? doc->right - half + 8.0 : doc->left + 20.0;
    double t2 = doc->rtl ? doc->left : doc->left + half + 20.0;
    GArray *page;

    keep_together (doc, h + 4.0);
    page = current_page (doc);
    add_shape_op (page, OP_FILL, x1, doc->y + 2.0, 16.0, 9.0, BAR_FIRST_GRAY);
    add_shape_op (page, OP_FILL, x2, doc->y + 2.0, 16.0, 9.0, BAR_LATEST_GRAY);
    place_small_text_at (doc, SILLON_SHEET_TEXT_SMALL, first_legend, t1, doc->y, half - 28.0);
    place_small_text_at (doc, SILLON_SHEET_TEXT_SMALL, latest_legend, t2, doc->y, half - 28.0);
    canon (doc, first_legend);
    canon (doc, latest_legend);
    doc->y += h + 6.0;
  }

  for (guint i = 0; i < n_bars; i++)
    {
      g_autoptr (PangoLayout) label = make_layout (doc, SILLON_SHEET_TEXT_BODY, bars[i].label, body);
      double need = MIN (layout_height (label), 3 * 18.0) + 2 * BAR_HEIGHT + 10.0;

      g_string_append_printf (doc->canonical, "%s\t%d\t%d\n", bars[i].label, bars[i].first, bars[i].latest);
      keep_together (doc, need);
      place_layout (doc, label, doc->left, NULL, NULL);
      doc->y += 2.0;
      keep_together (doc, 2 * BAR_HEIGHT + 3.0);
      place_bar (doc, bars[i].first, BAR_FIRST_GRAY, doc->y);
      doc->y += BAR_HEIGHT + 2.0;
      place_bar (doc, bars[i].latest, BAR_LATEST_GRAY, doc->y);
      doc->y += BAR_HEIGHT + 8.0;
    }
  doc->y += PARAGRAPH_GAP;
}

gboolean
sillon_sheet_doc_add_qr (SillonSheetDoc *doc,
                         const char *link,
                         const char *caption,
                         double size,
                         GError **error)
{
  QRcode *code;
  Op op = { 0 };
  double text_width, height, text_x;
  const int quiet = 4;

  g_return_val_if_fail (doc != NULL && link != NULL, FALSE);

  /* Medium error correction: a creased or slightly stained sheet still
   * scans, and links of a few hundred characters still fit. */
  code = QRcode_encodeString (link, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_QR,
                   _ ("The link is too long for a QR code (%zu characters)"), strlen (link));
      return FALSE;
    }

  op.kind = OP_QR;
  op.qr_width = code->width;
  op.qr = g_malloc ((gsize) code->width * code->width);
  for (int i = 0; i < code->width * code->width; i++)
    op.qr[i] = code->data[i] & 1;
  QRcode_free (code);

  text_width = doc->right - doc->left - size - 12.0;
  height = MAX (size, text_height (doc, SILLON_SHEET_TEXT_BODY, caption, text_width));
  keep_together (doc, height);
  op.w = op.h = size;
  op.x = doc->rtl ? doc->right - size : doc->left;
  op.y = doc->y;
  /* Modules of a whole number of 1/4 points keep edges crisp on print. */
  op.gray = (double) quiet;
  add_op (current_page (doc), &op);

  text_x = doc->rtl ? doc->left : doc->left + size + 12.0;
  place_small_text_at (doc, SILLON_SHEET_TEXT_BODY, caption, text_x, doc->y + 4.0, text_width);
  canon (doc, caption);
  canon (doc, link);
  doc->y += height + PARAGRAPH_GAP;
  return TRUE;
}

void
sillon_sheet_doc_add_cut_line (SillonSheetDoc *doc, const char *caption)
{
  double h;
  GArray *page;

  g_return_if_fail (doc != NULL);

  h = text_height (doc, SILLON_SHEET_TEXT_SMALL, caption, doc->right - doc->left - 24.0);
  doc->y += 10.0;
  keep_together (doc, h + 24.0 + 3 * 18.0);
  page = current_page (doc);
  /* From edge to edge of the safe area, so that scissors have a guide. */
  add_shape_op (page, OP_DASH, SILLON_SHEET_SAFE_MARGIN + 16.0, doc->y + 6.0,
                doc->width - 2 * SILLON_SHEET_SAFE_MARGIN - 16.0, 0.0, 0.0);
  place_small_text_at (doc, SILLON_SHEET_TEXT_BODY, "✂", SILLON_SHEET_SAFE_MARGIN, doc->y - 2.0, 16.0);
  place_small_text_at (doc, SILLON_SHEET_TEXT_SMALL, caption, doc->left, doc->y + 12.0, doc->right - doc->left);
  canon (doc, caption);
  doc->y += h + 24.0;
}

void
sillon_sheet_doc_add_signature_boxes (SillonSheetDoc *doc, const char *const *labels)
{
  guint n = labels != NULL ? g_strv_length ((char **) labels) : 0;
  double gap = 16.0, w, label_h = 0.0;

  g_return_if_fail (doc != NULL);
  if (n == 0)
    return;

  w = (doc->right - doc->left - gap * (n - 1)) / n;
  for (guint i = 0; i < n; i++)
    label_h = MAX (label_h, text_height (doc, SILLON_SHEET_TEXT_SMALL, labels[i], w));
  keep_together (doc, label_h + SIGNATURE_BOX_HEIGHT + 6.0);
  for (guint i = 0; i < n; i++)
    {
      double x = doc->rtl ? doc->right - (i + 1) * w - i * gap : doc->left + i * (w + gap);

      place_small_text_at (doc, SILLON_SHEET_TEXT_SMALL, labels[i], x, doc->y, w);
      add_shape_op (current_page (doc), OP_BOX, x, doc->y + label_h + 3.0, w, SIGNATURE_BOX_HEIGHT, 0.0);
      canon (doc, labels[i]);
    }
  doc->y += label_h + SIGNATURE_BOX_HEIGHT + 3.0 + PARAGRAPH_GAP * 2;
}

/* ---------------------------------------------------------------------- */
/* Drawing */

/* Replaces the text in @slot by a copy of @text. */
static void
replace_text (char **slot, const char *text)
{
  g_free (*slot);
  *slot = g_strdup (text);
}

void
sillon_sheet_doc_set_footer (SillonSheetDoc *doc, const char *text, const char *page_format)
{
  replace_text (&doc->footer, text);
  replace_text (&doc->page_format, page_format);
}

void
sillon_sheet_doc_set_metadata (SillonSheetDoc *doc, const char *title, const char *author)
{
  replace_text (&doc->title, title);
  replace_text (&doc->author, author);
}

guint
sillon_sheet_doc_get_n_pages (SillonSheetDoc *doc)
{
  /* A block that ended exactly at the foot of a page may have opened an
   * empty one. */
  if (doc->pages->len > 1 && current_page (doc)->len == 0)
    return doc->pages->len - 1;
  return doc->pages->len;
}

static char *
page_number_text (SillonSheetDoc *doc, guint page)
{
  g_autofree char *number = g_strdup_printf ("%u", page + 1);
  g_autofree char *total = g_strdup_printf ("%u", sillon_sheet_doc_get_n_pages (doc));
  g_autoptr (GString) text = g_string_new (doc->page_format != NULL ? doc->page_format : "{page}/{pages}");

  g_string_replace (text, "{pages}", total, 0);
  g_string_replace (text, "{page}", number, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
draw_footer (SillonSheetDoc *doc, cairo_t *cr, guint page)
{
  double body = doc->right - doc->left;
  g_autofree char *number = page_number_text (doc, page);
  g_autoptr (PangoLayout) left = make_layout (doc, SILLON_SHEET_TEXT_SMALL, doc->footer, body * 0.78);
  g_autoptr (PangoLayout) right = make_layout (doc, SILLON_SHEET_TEXT_SMALL, number, body * 0.2);
  double baseline = doc->height - FOOTER_BASELINE_FROM_BOTTOM;
  PangoLayout *start = doc->rtl ? right : left;
  PangoLayout *end = doc->rtl ? left : right;
  int end_width;

  /* The footer is one line: what does not fit is ellipsised, never drawn
   * into the unprintable edge. */
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (right, doc->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  pango_layout_get_size (end, &end_width, NULL);

  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_move_to (cr, doc->left, baseline);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (start, 0));
  cairo_move_to (cr, doc->right - (double) end_width / PANGO_SCALE, baseline);
  pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (end, 0));
}

void
sillon_sheet_doc_draw_page (SillonSheetDoc *doc, cairo_t *cr, guint page)
{
  GArray *ops;

  g_return_if_fail (doc != NULL && cr != NULL);
  g_return_if_fail (page < doc->pages->len);

  ops = g_ptr_array_index (doc->pages, page);
  cairo_save (cr);
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
          case OP_LINE:
            cairo_set_source_rgb (cr, op->gray, op->gray, op->gray);
            cairo_move_to (cr, op->x, op->y);
            pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (op->layout, op->line));
            break;
          case OP_FILL:
            cairo_set_source_rgb (cr, op->gray, op->gray, op->gray);
            cairo_rectangle (cr, op->x, op->y, op->w, op->h);
            cairo_fill (cr);
            break;
          case OP_RULE:
          case OP_DASH:
            cairo_set_source_rgb (cr, op->gray, op->gray, op->gray);
            cairo_set_line_width (cr, op->kind == OP_DASH ? 1.0 : 0.6);
            if (op->kind == OP_DASH)
              {
                static const double dashes[] = { 6.0, 4.0 };
                cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
              }
            cairo_move_to (cr, op->x, op->y);
            cairo_line_to (cr, op->x + op->w, op->y + op->h);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0.0);
            break;
          case OP_BOX:
            cairo_set_source_rgb (cr, op->gray, op->gray, op->gray);
            cairo_set_line_width (cr, 0.8);
            cairo_rectangle (cr, op->x, op->y, op->w, op->h);
            cairo_stroke (cr);
            break;
          case OP_QR:
            {
              int quiet = (int) op->gray;
              double module = op->w / (op->qr_width + 2 * quiet);

              cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
              for (int r = 0; r < op->qr_width; r++)
                for (int c = 0; c < op->qr_width; c++)
                  if (op->qr[r * op->qr_width + c])
                    cairo_rectangle (cr, op->x + (quiet + c) * module, op->y + (quiet + r) * module, module, module);
              cairo_fill (cr);
            }
            break;
          default:
            g_assert_not_reached ();
        }
    }
  if (doc->footer != NULL || doc->page_format != NULL)
    draw_footer (doc, cr, page);
  cairo_restore (cr);
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
sillon_sheet_doc_to_pdf (SillonSheetDoc *doc, GError **error)
{
  g_autoptr (GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;

  g_return_val_if_fail (doc != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, doc->width, doc->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Sillon " PACKAGE_VERSION);
  if (doc->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
  cr = cairo_create (surface);
  n_pages = sillon_sheet_doc_get_n_pages (doc);
  for (guint i = 0; i < n_pages; i++)
    {
      sillon_sheet_doc_draw_page (doc, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_WRITE,
                   /* Translators: %s is the drawing library's reason. */
                   _ ("The sheet could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

gboolean
sillon_sheet_doc_write_pdf (SillonSheetDoc *doc, const char *path, GError **error)
{
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (doc != NULL && path != NULL, FALSE);

  pdf = sillon_sheet_doc_to_pdf (doc, error);
  if (pdf == NULL)
    return FALSE;
  /* A sheet that replaces a file replaces it whole (never half old, half
   * new); a new file is not flushed to the disk first: after a crash it may
   * be short, but nothing that existed is lost, and a batch of a thousand
   * sheets does not wait for a thousand flushes. Private to its owner:
   * it holds personal data. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING, 0600,
                                 &local_error))
    {
      display = g_filename_display_name (path);
      g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_WRITE,
                   /* Translators: %s is a file name, then the system's reason. */
                   _ ("The sheet could not be saved as “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}
