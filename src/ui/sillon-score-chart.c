/* sillon-score-chart.c — an assessment's three scores as horizontal bars
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per axis on a 0–100 scale. An axis without any answer has no
 * score, which is not zero: it is drawn as a dashed outline with words,
 * never as an empty bar. The same numbers are the chart's accessible
 * description, for screen readers and for whoever cannot read a bar.
 */

#include "config.h"

#include "sillon-score-chart.h"

#include <glib/gi18n.h>
#include <math.h>

typedef struct
{
  gboolean scored;
  guint score;
  SillonCoverage coverage;
} AxisScore;

struct _SillonScoreChart
{
  GtkDrawingArea parent_instance;

  gboolean has_result;
  AxisScore axes[SILLON_AXIS_COUNT];
};

G_DEFINE_FINAL_TYPE (SillonScoreChart, sillon_score_chart, GTK_TYPE_DRAWING_AREA)

/* The chart's values as text: the same numbers, and what each rests on. */
static char *
describe_scores (SillonScoreChart *self)
{
  GString *text = g_string_new (NULL);

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      const AxisScore *entry = &self->axes[axis];

      if (text->len > 0)
        g_string_append (text, " ");
      if (entry->scored)
        /* Translators: %1$s is an axis, %2$u its score, %3$u and %4$u the
         * scored questions answered and the scored questions in all. */
        g_string_append_printf (text, _ ("%1$s: %2$u out of 100, based on %3$u of %4$u questions."),
                                sillon_axis_get_label (axis), entry->score,
                                entry->coverage.scored_answered, entry->coverage.scored_total);
      else
        /* Translators: %s is an axis that has no score. */
        g_string_append_printf (text, _ ("%s: no answer."), sillon_axis_get_label (axis));
    }
  return g_string_free (text, FALSE);
}

void
sillon_score_chart_set_result (SillonScoreChart *self,
                               SillonAssessmentResult *result)
{
  g_autofree char *description = NULL;

  g_return_if_fail (SILLON_IS_SCORE_CHART (self));

  memset (self->axes, 0, sizeof self->axes);
  self->has_result = result != NULL;
  if (result != NULL)
    {
      for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
        {
          self->axes[axis].scored = sillon_assessment_result_get_score (result, axis, &self->axes[axis].score);
          sillon_assessment_result_get_coverage (result, axis, &self->axes[axis].coverage);
        }
      description = describe_scores (self);
    }
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self)), description != NULL ? description : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
sillon_score_chart_draw (GtkWidget *widget,
                         cairo_t *cr)
{
  SillonScoreChart *self = SILLON_SCORE_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  /* Colour-blind safe, and distinct from the theme's error red. */
  static const double colours[SILLON_AXIS_COUNT][3] = {
    { 0.00, 0.45, 0.70 },
    { 0.80, 0.47, 0.00 },
    { 0.00, 0.62, 0.45 },
  };
  GdkRGBA fg;
  g_autoptr (PangoLayout) layout = NULL;
  PangoFontDescription *font = NULL;
  int label_width = 0;
  double value_width, bar_x, bar_w, row_h, bar_h, top;

  if (!self->has_result)
    return GDK_EVENT_PROPAGATE;

  layout = gtk_widget_create_pango_layout (widget, NULL);
  gtk_style_context_get_color (style, gtk_style_context_get_state (style), &fg);
  gtk_style_context_get (style, gtk_style_context_get_state (style), GTK_STYLE_PROPERTY_FONT, &font, NULL);
  pango_font_description_set_size (font, pango_font_description_get_size (font) * 1.15);
  pango_layout_set_font_description (layout, font);

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      int w;
      pango_layout_set_text (layout, sillon_axis_get_label (axis), -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      label_width = MAX (label_width, w);
    }
  {
    int w1, w2;
    pango_layout_set_text (layout, _ ("No answer"), -1);
    pango_layout_get_pixel_size (layout, &w1, NULL);
    pango_layout_set_text (layout, "100", -1);
    pango_layout_get_pixel_size (layout, &w2, NULL);
    value_width = MAX (w1, w2) + 16;
  }

  bar_x = label_width + 16;
  bar_w = MAX (40.0, width - bar_x - value_width - 8);
  top = 4;
  row_h = (height - top - 24) / (double) SILLON_AXIS_COUNT;
  bar_h = MIN (30.0, row_h * 0.55);

  /* Grid lines every 25 points, with their values under the bars. */
  cairo_set_line_width (cr, 1);
  for (int tick = 0; tick <= 100; tick += 25)
    {
      double x = floor (bar_x + bar_w * tick / 100.0) + 0.5;
      g_autofree char *text = g_strdup_printf ("%d", tick);
      int tw, th;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, tick == 0 ? 0.6 : 0.18);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + row_h * SILLON_AXIS_COUNT);
      cairo_stroke (cr);

      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      cairo_move_to (cr, x - tw / 2.0, height - th);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      const AxisScore *entry = &self->axes[axis];
      double y = top + row_h * axis + (row_h - bar_h) / 2;
      int tw, th;

      pango_layout_set_text (layout, sillon_axis_get_label (axis), -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (bar_h - th) / 2);
      pango_cairo_show_layout (cr, layout);

      if (entry->scored)
        {
          g_autofree char *value = g_strdup_printf ("%u", entry->score);

          /* The empty track, so that 0 still shows a bar's length. */
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
          cairo_rectangle (cr, bar_x, y, bar_w, bar_h);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, colours[axis][0], colours[axis][1], colours[axis][2]);
          cairo_rectangle (cr, bar_x, y, MAX (2.0, bar_w * entry->score / 100.0), bar_h);
          cairo_fill (cr);

          pango_layout_set_text (layout, value, -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_move_to (cr, bar_x + bar_w + 8, y + (bar_h - th) / 2);
          pango_cairo_show_layout (cr, layout);
        }
      else
        {
          /* No answer is not zero: a dashed outline and words, no bar. */
          static const double dashes[] = { 6, 4 };

          cairo_save (cr);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_rectangle (cr, bar_x + 0.5, y + 0.5, bar_w - 1, bar_h - 1);
          cairo_stroke (cr);
          cairo_restore (cr);

          pango_layout_set_text (layout, _ ("No answer"), -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
          cairo_move_to (cr, bar_x + (bar_w - tw) / 2, y + (bar_h - th) / 2);
          pango_cairo_show_layout (cr, layout);
        }
    }

  pango_font_description_free (font);
  return GDK_EVENT_PROPAGATE;
}

static void
sillon_score_chart_class_init (SillonScoreChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->draw = sillon_score_chart_draw;
}

static void
sillon_score_chart_init (SillonScoreChart *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));

  atk_object_set_role (accessible, ATK_ROLE_CHART);
  atk_object_set_name (accessible, _ ("Scores by axis, out of 100"));
}

GtkWidget *
sillon_score_chart_new (void)
{
  return g_object_new (SILLON_TYPE_SCORE_CHART, NULL);
}
