/* sillon-bar-chart.c — counts by category as bars, drawn with Cairo
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics' dashboard draws its indicators with this one widget:
 * upright columns for the months, horizontal bars for categories whose
 * names are long (themes, degrees), stacked segments when a category has
 * several series (the people whose score rose, stayed or fell). A value
 * the release does not publish is drawn as a dashed outline with a word,
 * never as an empty bar, since it is not zero. The same numbers are the
 * chart's accessible description.
 */

#include "config.h"

#include "sillon-bar-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sillon-number-format.h"

/* Okabe and Ito's colour-blind safe palette, away from the theme's error
 * red. */
static const double palette[][3] = {
  { 0.00, 0.45, 0.70 },
  { 0.00, 0.62, 0.45 },
  { 0.90, 0.62, 0.00 },
  { 0.80, 0.47, 0.65 },
  { 0.34, 0.71, 0.91 },
};

#define GAP 8.0

struct _SillonBarChart
{
  GtkDrawingArea parent_instance;

  SillonChartData *data;
};

G_DEFINE_FINAL_TYPE (SillonBarChart, sillon_bar_chart, GTK_TYPE_DRAWING_AREA)

/* ── Data ──────────────────────────────────────────────────────────────── */

SillonChartData *
sillon_chart_data_new (SillonBarChartLayout layout,
                       guint n_series,
                       const char *const *series,
                       guint n_rows)
{
  SillonChartData *data = g_new0 (SillonChartData, 1);

  g_return_val_if_fail (n_series > 0, NULL);

  data->layout = layout;
  data->n_series = n_series;
  data->series = g_new0 (char *, n_series + 1);
  for (guint i = 0; i < n_series; i++)
    data->series[i] = g_strdup (series[i]);
  data->n_rows = n_rows;
  data->labels = g_new0 (char *, n_rows + 1);
  data->names = g_new0 (char *, n_rows + 1);
  data->values = g_new0 (gint64, (gsize) n_rows * n_series);
  return data;
}

void
sillon_chart_data_set_row (SillonChartData *data,
                           guint row,
                           const char *label,
                           const char *name,
                           const gint64 *values)
{
  g_return_if_fail (data != NULL && row < data->n_rows);

  g_free (data->labels[row]);
  g_free (data->names[row]);
  data->labels[row] = g_strdup (label != NULL ? label : name);
  data->names[row] = g_strdup (name);
  memcpy (data->values + (gsize) row * data->n_series, values, data->n_series * sizeof (gint64));
}

gint64
sillon_chart_data_get (const SillonChartData *data,
                       guint row,
                       guint series)
{
  g_return_val_if_fail (data != NULL && row < data->n_rows && series < data->n_series, SILLON_BAR_CHART_HIDDEN);
  return data->values[(gsize) row * data->n_series + series];
}

void
sillon_chart_data_free (SillonChartData *data)
{
  if (data == NULL)
    return;
  g_strfreev (data->series);
  g_strfreev (data->labels);
  g_strfreev (data->names);
  g_free (data->values);
  g_free (data);
}

char *
sillon_chart_format_value (gint64 value)
{
  if (value == SILLON_BAR_CHART_HIDDEN)
    /* Translators: a count the statistics do not publish, because too few
     * people are behind it (or it would let one be recomputed). */
    return g_strdup (C_ ("count", "hidden"));
  /* Grouped as the interface's language groups digits. */
  return sillon_format_count (value);
}

char *
sillon_chart_data_describe (const SillonChartData *data)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (data != NULL, NULL);

  if (data->n_rows == 0)
    return g_strdup (_ ("Nothing was recorded in this period."));
  for (guint row = 0; row < data->n_rows; row++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (data->n_series == 1)
        {
          g_autofree char *value = sillon_chart_format_value (sillon_chart_data_get (data, row, 0));

          /* Translators: one category of a chart and its count, such as
           * “January 2026: 120.” */
          g_string_append_printf (text, _ ("%1$s: %2$s."), data->names[row], value);
          continue;
        }
      g_string_append_printf (text, "%s:", data->names[row]);
      for (guint s = 0; s < data->n_series; s++)
        {
          g_autofree char *value = sillon_chart_format_value (sillon_chart_data_get (data, row, s));

          /* Translators: one series of a category and its count, such as
           * “rose 12”; a comma or a full stop follows. */
          g_string_append_printf (text, _ (" %1$s %2$s"), data->series[s], value);
          g_string_append_c (text, s + 1 < data->n_series ? ',' : '.');
        }
    }
  return g_string_free (text, FALSE);
}

/* ── Drawing ───────────────────────────────────────────────────────────── */

typedef struct
{
  cairo_t *cr;
  PangoLayout *layout;
  GdkRGBA fg;
  int line_height;
} Pen;

static void
pen_text (Pen *pen,
          const char *text,
          double x,
          double y,
          double alpha)
{
  pango_layout_set_text (pen->layout, text, -1);
  cairo_set_source_rgba (pen->cr, pen->fg.red, pen->fg.green, pen->fg.blue, alpha);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, pen->layout);
}

static int
pen_width (Pen *pen,
           const char *text)
{
  int width;

  pango_layout_set_text (pen->layout, text, -1);
  pango_layout_get_pixel_size (pen->layout, &width, NULL);
  return width;
}

/* A hidden value: a dashed box with a word in it. */
static void
draw_hidden (Pen *pen,
             double x,
             double y,
             double w,
             double h)
{
  static const double dashes[] = { 5, 3 };
  const char *word = C_ ("count", "hidden");
  int tw = pen_width (pen, word);

  cairo_save (pen->cr);
  cairo_set_source_rgba (pen->cr, pen->fg.red, pen->fg.green, pen->fg.blue, 0.5);
  cairo_set_line_width (pen->cr, 1);
  cairo_set_dash (pen->cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_rectangle (pen->cr, floor (x) + 0.5, floor (y) + 0.5, MAX (1.0, w - 1), MAX (1.0, h - 1));
  cairo_stroke (pen->cr);
  cairo_restore (pen->cr);
  if (tw + 4 <= w && pen->line_height <= h)
    pen_text (pen, word, x + (w - tw) / 2, y + (h - pen->line_height) / 2, 0.75);
}

static gint64
row_total (const SillonChartData *data,
           guint row,
           gboolean *out_hidden)
{
  gint64 total = 0;

  *out_hidden = FALSE;
  for (guint s = 0; s < data->n_series; s++)
    {
      gint64 v = sillon_chart_data_get (data, row, s);

      if (v == SILLON_BAR_CHART_HIDDEN)
        *out_hidden = TRUE;
      else
        total += v;
    }
  return total;
}

static gint64
largest_total (const SillonChartData *data)
{
  gint64 largest = 0;

  for (guint row = 0; row < data->n_rows; row++)
    {
      gboolean hidden;
      largest = MAX (largest, row_total (data, row, &hidden));
    }
  return largest;
}

/* The legend of a stacked chart, on one line (wrapping if need be); returns
 * its height. */
static double
draw_legend (Pen *pen,
             const SillonChartData *data,
             double width)
{
  double x = 0, y = 0;
  double box = pen->line_height * 0.7;

  if (data->n_series < 2)
    return 0;
  for (guint s = 0; s < data->n_series; s++)
    {
      int tw = pen_width (pen, data->series[s]);
      double item = box + 6 + tw + 18;

      if (x > 0 && x + item > width)
        {
          x = 0;
          y += pen->line_height + 4;
        }
      cairo_set_source_rgb (pen->cr, palette[s % G_N_ELEMENTS (palette)][0], palette[s % G_N_ELEMENTS (palette)][1],
                            palette[s % G_N_ELEMENTS (palette)][2]);
      cairo_rectangle (pen->cr, x, y + (pen->line_height - box) / 2, box, box);
      cairo_fill (pen->cr);
      pen_text (pen, data->series[s], x + box + 6, y, 0.9);
      x += item;
    }
  return y + pen->line_height + GAP;
}

/* One bar's segments from @start along its length (horizontal when
 * @horizontal, else upwards from @start). */
static void
draw_segments (Pen *pen,
               const SillonChartData *data,
               guint row,
               gboolean horizontal,
               double start,
               double across,
               double thickness,
               double scale)
{
  double along = 0;

  for (guint s = 0; s < data->n_series; s++)
    {
      gint64 v = sillon_chart_data_get (data, row, s);
      double length;

      if (v == SILLON_BAR_CHART_HIDDEN || v == 0)
        continue;
      length = MAX (2.0, v * scale);
      cairo_set_source_rgb (pen->cr, palette[s % G_N_ELEMENTS (palette)][0], palette[s % G_N_ELEMENTS (palette)][1],
                            palette[s % G_N_ELEMENTS (palette)][2]);
      if (horizontal)
        cairo_rectangle (pen->cr, start + along, across, length, thickness);
      else
        cairo_rectangle (pen->cr, across, start - along - length, thickness, length);
      cairo_fill (pen->cr);
      along += length;
    }
}

/* The text after a bar: its total, and whether parts of it are hidden. */
static char *
row_value_text (const SillonChartData *data,
                guint row)
{
  gboolean hidden;
  gint64 total = row_total (data, row, &hidden);
  g_autofree char *value = sillon_chart_format_value (total);

  if (!hidden)
    return g_steal_pointer (&value);
  if (total == 0)
    return sillon_chart_format_value (SILLON_BAR_CHART_HIDDEN);
  /* Translators: a total of which some parts are not published. */
  return g_strdup_printf (_ ("%s + hidden"), value);
}

static void
draw_rows (Pen *pen,
           const SillonChartData *data,
           double width,
           double top)
{
  double row_h = pen->line_height * 1.6;
  double bar_h = pen->line_height * 1.1;
  int label_w = 0, value_w = 0;
  double bar_x, bar_w, scale;
  gint64 largest = largest_total (data);
  g_auto (GStrv) values = g_new0 (char *, data->n_rows + 1);

  for (guint row = 0; row < data->n_rows; row++)
    {
      values[row] = row_value_text (data, row);
      label_w = MAX (label_w, pen_width (pen, data->labels[row]));
      value_w = MAX (value_w, pen_width (pen, values[row]));
    }
  /* Long labels take at most 40 % of the width, ellipsized. */
  label_w = MIN (label_w, (int) (width * 0.4));
  bar_x = label_w + GAP * 2;
  bar_w = MAX (20.0, width - bar_x - value_w - GAP * 2);
  scale = largest > 0 ? bar_w / largest : 0;

  for (guint row = 0; row < data->n_rows; row++)
    {
      double y = top + row * row_h;
      double bar_y = y + (row_h - bar_h) / 2;
      gboolean hidden;
      gint64 total = row_total (data, row, &hidden);

      pango_layout_set_width (pen->layout, label_w * PANGO_SCALE);
      pango_layout_set_ellipsize (pen->layout, PANGO_ELLIPSIZE_END);
      pen_text (pen, data->labels[row], 0, y + (row_h - pen->line_height) / 2, 1.0);
      pango_layout_set_width (pen->layout, -1);
      pango_layout_set_ellipsize (pen->layout, PANGO_ELLIPSIZE_NONE);

      if (hidden && total == 0)
        {
          int hidden_w = pen_width (pen, values[row]);
          draw_hidden (pen, bar_x, bar_y, MIN (bar_w, hidden_w + 4.0 * GAP), bar_h);
          continue;
        }
      draw_segments (pen, data, row, TRUE, bar_x, bar_y, bar_h, scale);
      pen_text (pen, values[row], bar_x + total * scale + GAP, y + (row_h - pen->line_height) / 2, 0.85);
    }
}

static void
draw_columns (Pen *pen,
              const SillonChartData *data,
              double width,
              double height,
              double top)
{
  gint64 largest = largest_total (data);
  double slot = width / MAX (1u, data->n_rows);
  double column_w = MIN (48.0, slot * 0.7);
  double base = height - pen->line_height - 4;
  double room = base - top - pen->line_height - 4;
  double scale = largest > 0 ? room / largest : 0;
  int widest_label = 0;
  guint label_step;

  for (guint row = 0; row < data->n_rows; row++)
    widest_label = MAX (widest_label, pen_width (pen, data->labels[row]));
  /* Every label when they fit, else every other one (or fewer). */
  label_step = (guint) ceil ((widest_label + 6) / MAX (1.0, slot));
  label_step = MAX (1u, label_step);

  cairo_set_source_rgba (pen->cr, pen->fg.red, pen->fg.green, pen->fg.blue, 0.4);
  cairo_set_line_width (pen->cr, 1);
  cairo_move_to (pen->cr, 0, floor (base) + 0.5);
  cairo_line_to (pen->cr, width, floor (base) + 0.5);
  cairo_stroke (pen->cr);

  for (guint row = 0; row < data->n_rows; row++)
    {
      double x = slot * row + (slot - column_w) / 2;
      gboolean hidden;
      gint64 total = row_total (data, row, &hidden);
      int tw;

      if (row % label_step == 0)
        {
          tw = pen_width (pen, data->labels[row]);
          pen_text (pen, data->labels[row], slot * row + (slot - tw) / 2, base + 4, 0.85);
        }
      if (hidden && total == 0)
        {
          draw_hidden (pen, x, base - room / 3, column_w, room / 3);
          continue;
        }
      draw_segments (pen, data, row, FALSE, base, x, column_w, scale);
      /* The value above its column, when there is room for it. */
      {
        g_autofree char *value = sillon_chart_format_value (total);

        tw = pen_width (pen, value);
        if (tw <= slot - 2)
          pen_text (pen, value, slot * row + (slot - tw) / 2, base - total * scale - pen->line_height - 2, 0.85);
      }
    }
}

static gboolean
sillon_bar_chart_draw (GtkWidget *widget,
                       cairo_t *cr)
{
  SillonBarChart *self = SILLON_BAR_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_allocated_width (widget);
  double height = gtk_widget_get_allocated_height (widget);
  g_autoptr (PangoLayout) layout = NULL;
  Pen pen = { 0 };
  double top;

  if (self->data == NULL)
    return GDK_EVENT_PROPAGATE;

  layout = gtk_widget_create_pango_layout (widget, NULL);
  pen.cr = cr;
  pen.layout = layout;
  gtk_style_context_get_color (style, gtk_style_context_get_state (style), &pen.fg);
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_pixel_size (layout, NULL, &pen.line_height);

  if (self->data->n_rows == 0)
    {
      pen_text (&pen, _ ("Nothing was recorded in this period."), 0, 0, 0.7);
      return GDK_EVENT_PROPAGATE;
    }
  /* Focusable, so that a screen reader reads the values when the
   * keyboard reaches the chart: show where the focus is. */
  if (gtk_widget_has_visible_focus (widget))
    gtk_render_focus (style, cr, 0, 0, width, height);
  top = draw_legend (&pen, self->data, width);
  if (self->data->layout == SILLON_BAR_CHART_ROWS)
    draw_rows (&pen, self->data, width, top);
  else
    draw_columns (&pen, self->data, width, height, top);
  return GDK_EVENT_PROPAGATE;
}

/* The height the chart needs: its rows at the current font size, so that
 * a larger text scale makes it taller (the page scrolls) rather than
 * cramped. */
static void
update_size_request (SillonBarChart *self)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  int line_height;
  int legend = 0;
  int height;

  pango_layout_get_pixel_size (layout, NULL, &line_height);
  if (self->data != NULL && self->data->n_series > 1)
    legend = line_height * 2 + GAP;
  if (self->data == NULL || self->data->n_rows == 0)
    height = line_height * 2;
  else if (self->data->layout == SILLON_BAR_CHART_ROWS)
    height = legend + (int) ceil (self->data->n_rows * line_height * 1.6);
  else
    height = legend + line_height * 12;
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, height);
}

static void
sillon_bar_chart_style_updated (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sillon_bar_chart_parent_class)->style_updated (widget);
  update_size_request (SILLON_BAR_CHART (widget));
}

void
sillon_bar_chart_set_data (SillonBarChart *self,
                           SillonChartData *data)
{
  g_autofree char *description = NULL;

  g_return_if_fail (SILLON_IS_BAR_CHART (self));

  g_clear_pointer (&self->data, sillon_chart_data_free);
  self->data = data;
  if (data != NULL)
    description = sillon_chart_data_describe (data);
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self)), description != NULL ? description : "");
  update_size_request (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const SillonChartData *
sillon_bar_chart_get_data (SillonBarChart *self)
{
  g_return_val_if_fail (SILLON_IS_BAR_CHART (self), NULL);
  return self->data;
}

static void
sillon_bar_chart_finalize (GObject *object)
{
  SillonBarChart *self = SILLON_BAR_CHART (object);

  sillon_chart_data_free (self->data);
  G_OBJECT_CLASS (sillon_bar_chart_parent_class)->finalize (object);
}

static void
sillon_bar_chart_class_init (SillonBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sillon_bar_chart_finalize;
  widget_class->draw = sillon_bar_chart_draw;
  widget_class->style_updated = sillon_bar_chart_style_updated;
}

static void
sillon_bar_chart_init (SillonBarChart *self)
{
  atk_object_set_role (gtk_widget_get_accessible (GTK_WIDGET (self)), ATK_ROLE_CHART);
  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
}

GtkWidget *
sillon_bar_chart_new (void)
{
  return g_object_new (SILLON_TYPE_BAR_CHART, NULL);
}
