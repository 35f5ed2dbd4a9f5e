/* sillon-assessment-wizard.c — the pouvoir/vouloir/savoir assessment, one question at a time
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mediator reads each question aloud and keys in the person's answer,
 * often while looking at the person rather than at the screen: every step is
 * reachable from the keyboard (digits, arrows, Enter, Page Up, S), and the
 * result says what it rests on, because partial assessments are normal at a
 * counter.
 */

#include "config.h"

#include "sillon-assessment-wizard.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sillon-message-label.h"

/* The store's name for the questionnaire family, whatever its version. */
#define QUESTIONNAIRE_ID "pouvoir-vouloir-savoir"

struct _SillonAssessmentWizard
{
  SillonPage parent_instance;

  SillonStore *store; /* borrowed, see _start() */
  SillonQuestionnaire *questionnaire;
  SillonOrientationRules *rules;
  SillonAssessment *assessment;
  SillonAssessmentResult *result; /* as computed, without overrides */
  gint64 beneficiary_id;
  char *person_name;
  char *mediator_name;
  guint current;
  GPtrArray *answer_buttons; /* GtkRadioButton*, in choice order */
  GtkWidget *none_button;    /* the group's hidden member: no choice yet */
  GPtrArray *orientation_checks;
  GPtrArray *added_orientations; /* ids the mediator added, not suggested */
  GtkWidget *toplevel;           /* whose key presses we look at first */
  gulong key_handler;
  GtkWidget *discard_dialog; /* weak: the question about discarding, if shown */
  SillonAssessmentWizardDiscardFunc on_discard;
  gpointer on_discard_data;

  GtkStack *pages;
  GtkWidget *question_page;
  GtkLabel *axis_label;
  GtkLabel *person_label;
  GtkLabel *position_label;
  GtkProgressBar *progress_bar;
  GtkLabel *question_label;
  GtkExpander *help_expander;
  GtkLabel *help_label;
  GtkBox *answers_box;
  GtkLabel *question_message;
  GtkWidget *back_button;
  GtkWidget *next_button;

  GtkWidget *summary_page;
  GtkScrolledWindow *summary_scroller;
  GtkContainer *summary_box;
  GtkLabel *summary_title;
  GtkLabel *basis_label;
  GtkWidget *chart;
  GtkLabel *degree_label;
  GtkLabel *degree_definition;
  GtkLabel *provisional_label;
  GtkGrid *areas_grid;
  GtkToggleButton *urgent_check;
  GtkBox *orientations_box;
  GtkWidget *add_orientation_box;
  GtkComboBoxText *add_orientation_combo;
  GtkComboBoxText *degree_combo;
  GtkEntry *reason_entry;
  GtkLabel *summary_message;
};

G_DEFINE_FINAL_TYPE (SillonAssessmentWizard, sillon_assessment_wizard, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_SAVED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void close_discard_dialog (SillonAssessmentWizard *self);

static guint
n_items (SillonAssessmentWizard *self)
{
  return sillon_questionnaire_get_n_items (self->questionnaire);
}

static const SillonQuestionnaireItem *
current_item (SillonAssessmentWizard *self)
{
  return sillon_questionnaire_get_item (self->questionnaire, self->current);
}

static void
clear_container (GtkContainer *container)
{
  g_autoptr (GList) children = gtk_container_get_children (container);

  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

/* ── Questions ─────────────────────────────────────────────────────────── */

static int
selected_index (SillonAssessmentWizard *self)
{
  for (guint i = 0; i < self->answer_buttons->len; i++)
    if (gtk_toggle_button_get_active (self->answer_buttons->pdata[i]))
      return (int) i;
  return -1;
}

static void
select_answer (SillonAssessmentWizard *self,
               guint index)
{
  GtkWidget *button;

  if (index >= self->answer_buttons->len)
    return;
  button = self->answer_buttons->pdata[index];
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  gtk_widget_grab_focus (button);
  sillon_message_label_set (self->question_message, NULL);
}

static void
show_question (SillonAssessmentWizard *self)
{
  const SillonQuestionnaireItem *item = current_item (self);
  const char *help = sillon_questionnaire_item_get_help (item);
  guint n_choices = sillon_questionnaire_item_get_n_choices (item);
  guint given = 0;
  SillonAnswerState state = sillon_assessment_get_answer (self->assessment,
                                                          sillon_questionnaire_item_get_id (item),
                                                          &given);
  g_autofree char *position = NULL;
  GSList *group = NULL;

  gtk_label_set_text (self->axis_label, sillon_axis_get_label (sillon_questionnaire_item_get_axis (item)));
  /* Translators: the position in the questionnaire, e.g. "Question 3 of 34". */
  position = g_strdup_printf (_ ("Question %u of %u"), self->current + 1, n_items (self));
  gtk_label_set_text (self->position_label, position);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) self->current / n_items (self));
  gtk_label_set_text (self->question_label, sillon_questionnaire_item_get_question (item));
  gtk_widget_set_visible (GTK_WIDGET (self->help_expander), help != NULL);
  gtk_label_set_text (self->help_label, help != NULL ? help : "");
  gtk_widget_set_sensitive (self->back_button, self->current > 0);

  clear_container (GTK_CONTAINER (self->answers_box));
  g_ptr_array_set_size (self->answer_buttons, 0);

  /* A radio group always has one active member: this hidden one stands
   * for "not answered yet", so that no answer is preselected. */
  self->none_button = gtk_radio_button_new (NULL);
  atk_object_set_name (gtk_widget_get_accessible (self->none_button), _ ("No answer chosen"));
  gtk_box_pack_start (self->answers_box, self->none_button, FALSE, FALSE, 0);
  group = gtk_radio_button_get_group (GTK_RADIO_BUTTON (self->none_button));

  for (guint i = 0; i < n_choices; i++)
    {
      /* Translators: an answer button: its keyboard digit, then its label. */
      g_autofree char *text = g_strdup_printf (_ ("%u.  %s"), i + 1,
                                               sillon_questionnaire_item_get_choice_label (item, i));
      GtkWidget *button = gtk_radio_button_new_with_label (group, text);
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (button));

      group = gtk_radio_button_get_group (GTK_RADIO_BUTTON (button));
      gtk_toggle_button_set_mode (GTK_TOGGLE_BUTTON (button), FALSE);
      gtk_style_context_add_class (gtk_widget_get_style_context (button), "sillon-answer");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      /* The name a screen reader says is the answer itself. */
      atk_object_set_name (gtk_widget_get_accessible (button),
                           sillon_questionnaire_item_get_choice_label (item, i));
      gtk_widget_show (button);
      gtk_box_pack_start (self->answers_box, button, FALSE, FALSE, 0);
      g_ptr_array_add (self->answer_buttons, button);

      if (state == SILLON_ANSWER_GIVEN && sillon_questionnaire_item_get_choice_value (item, i) == given)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    }

  if (state == SILLON_ANSWER_SKIPPED)
    sillon_message_label_set (self->question_message, _ ("This question was skipped. Choose an answer, or press S to leave it skipped."));
  else
    sillon_message_label_set (self->question_message, NULL);

  gtk_stack_set_visible_child (self->pages, self->question_page);
  if (selected_index (self) >= 0)
    gtk_widget_grab_focus (self->answer_buttons->pdata[selected_index (self)]);
  else if (self->answer_buttons->len > 0)
    gtk_widget_grab_focus (self->answer_buttons->pdata[0]);
}

static void show_summary (SillonAssessmentWizard *self);
static void show_summary_error (SillonAssessmentWizard *self,
                                const char *message);
static void on_urgent_check_toggled (SillonAssessmentWizard *self);

static void
go_next (SillonAssessmentWizard *self)
{
  if (self->current + 1 >= n_items (self))
    show_summary (self);
  else
    {
      self->current++;
      show_question (self);
    }
}

static void
confirm_answer (SillonAssessmentWizard *self)
{
  const SillonQuestionnaireItem *item = current_item (self);
  int index = selected_index (self);
  g_autoptr (GError) error = NULL;

  if (index < 0)
    {
      sillon_message_label_set (self->question_message, _ ("Choose an answer (1–9), or press S to skip this question."));
      return;
    }
  if (!sillon_assessment_set_answer (self->assessment, sillon_questionnaire_item_get_id (item),
                                     sillon_questionnaire_item_get_choice_value (item, index), &error))
    {
      sillon_message_label_set (self->question_message, error->message);
      return;
    }
  go_next (self);
}

static void
skip_question (SillonAssessmentWizard *self)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_assessment_skip (self->assessment, sillon_questionnaire_item_get_id (current_item (self)), &error))
    {
      sillon_message_label_set (self->question_message, error->message);
      return;
    }
  go_next (self);
}

static void
go_back (SillonAssessmentWizard *self)
{
  if (self->current == 0)
    return;
  self->current--;
  show_question (self);
}

static void
move_selection (SillonAssessmentWizard *self,
                int delta)
{
  int index = selected_index (self);
  int n = (int) self->answer_buttons->len;

  if (n == 0)
    return;
  if (index < 0)
    index = delta > 0 ? 0 : n - 1;
  else
    index = CLAMP (index + delta, 0, n - 1);
  select_answer (self, (guint) index);
}

/* Looked at before the focused widget sees the key, so that Enter means
 * "next" even when an answer button has the focus. Other buttons keep their
 * own Enter, and text entries their digits. */
static gboolean
on_toplevel_key_press (GtkWidget *toplevel,
                       GdkEventKey *event,
                       SillonAssessmentWizard *self)
{
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (toplevel));
  gboolean on_answer = focus != NULL && g_ptr_array_find (self->answer_buttons, focus, NULL);
  guint keyval = event->keyval;

  if (self->assessment == NULL || !gtk_widget_is_drawable (self->question_page) ||
      gtk_stack_get_visible_child (self->pages) != self->question_page)
    return GDK_EVENT_PROPAGATE;

  if (mods == 0 && keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    {
      select_answer (self, keyval - GDK_KEY_1);
      return GDK_EVENT_STOP;
    }
  if (mods == 0 && keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    {
      select_answer (self, keyval - GDK_KEY_KP_1);
      return GDK_EVENT_STOP;
    }
  if (mods == 0 && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
    {
      move_selection (self, -1);
      return GDK_EVENT_STOP;
    }
  if (mods == 0 && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    {
      move_selection (self, 1);
      return GDK_EVENT_STOP;
    }
  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (on_answer || !GTK_IS_BUTTON (focus)))
    {
      confirm_answer (self);
      return GDK_EVENT_STOP;
    }
  if ((mods == 0 && (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up)) ||
      (mods == GDK_MOD1_MASK && (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)))
    {
      go_back (self);
      return GDK_EVENT_STOP;
    }
  if ((mods == 0 && (keyval == GDK_KEY_s || keyval == GDK_KEY_S)) ||
      (mods == GDK_CONTROL_MASK && (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)))
    {
      skip_question (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_hierarchy_changed (GtkWidget *widget,
                      GtkWidget *previous_toplevel)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (widget);
  GtkWidget *toplevel = gtk_widget_get_toplevel (widget);

  if (self->toplevel != NULL)
    {
      g_signal_handler_disconnect (self->toplevel, self->key_handler);
      g_object_remove_weak_pointer (G_OBJECT (self->toplevel), (gpointer *) &self->toplevel);
      self->toplevel = NULL;
      self->key_handler = 0;
    }
  if (GTK_IS_WINDOW (toplevel))
    {
      self->toplevel = toplevel;
      g_object_add_weak_pointer (G_OBJECT (toplevel), (gpointer *) &self->toplevel);
      self->key_handler = g_signal_connect (toplevel, "key-press-event",
                                            G_CALLBACK (on_toplevel_key_press), self);
    }
}

static void
on_next_button_clicked (SillonAssessmentWizard *self)
{
  confirm_answer (self);
}

static void
on_back_button_clicked (SillonAssessmentWizard *self)
{
  go_back (self);
}

static void
on_skip_button_clicked (SillonAssessmentWizard *self)
{
  skip_question (self);
}

static void
on_finish_button_clicked (SillonAssessmentWizard *self)
{
  show_summary (self);
}

static void
discard_and_cancel (SillonAssessmentWizard *self,
                    gpointer user_data)
{
  sillon_assessment_wizard_reset (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

static void
on_cancel_button_clicked (SillonAssessmentWizard *self)
{
  /* Cancel and Discard sit next to the keys used all along (Enter, Alt+…):
   * one slip must not throw away a person's answers. */
  if (sillon_assessment_wizard_has_answers (self))
    sillon_assessment_wizard_ask_discard (self, _ ("Discard this assessment?"), _ ("_Discard"),
                                          discard_and_cancel, NULL);
  else
    discard_and_cancel (self, NULL);
}

/* ── Summary ───────────────────────────────────────────────────────────── */

static const char *
degree_definition (SillonDegree degree)
{
  switch (degree)
    {
      case SILLON_DEGREE_TRES_ELOIGNE:
        return _ ("Skills score below 25: the person cannot yet use digital services, even with help. Start from the basics, and do things with them when a procedure cannot wait.");
      case SILLON_DEGREE_ELOIGNE:
        return _ ("Skills score from 25 to 49, or the means of access are missing (access score below 40): the person can do a few things with help.");
      case SILLON_DEGREE_EN_PROGRESSION:
        return _ ("Skills score from 50 to 79, or the means of access are limited (access score below 70): the person manages several procedures, some with difficulty.");
      case SILLON_DEGREE_AUTONOME:
        return _ ("Skills score of 80 or more, with the means of access: the person uses digital services alone.");
      case SILLON_DEGREE_NONE:
      default:
        return _ ("No skills question was answered, so the distance from digital cannot be determined.");
    }
}

/* The chart's values as text, for screen readers and for whoever cannot
 * read a bar: the same numbers, and what each rests on. */
static char *
describe_scores (SillonAssessmentWizard *self)
{
  GString *text = g_string_new (NULL);

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      SillonCoverage coverage;
      guint score;

      sillon_assessment_result_get_coverage (self->result, axis, &coverage);
      if (text->len > 0)
        g_string_append (text, " ");
      if (sillon_assessment_result_get_score (self->result, axis, &score))
        /* Translators: %1$s is an axis, %2$u its score, %3$u and %4$u the
         * scored questions answered and the scored questions in all. */
        g_string_append_printf (text, _ ("%1$s: %2$u out of 100, based on %3$u of %4$u questions."),
                                sillon_axis_get_label (axis), score,
                                coverage.scored_answered, coverage.scored_total);
      else
        /* Translators: %s is an axis that has no score. */
        g_string_append_printf (text, _ ("%s: no answer."), sillon_axis_get_label (axis));
    }
  return g_string_free (text, FALSE);
}

static gboolean
on_chart_draw (SillonAssessmentWizard *self,
               cairo_t *cr,
               GtkWidget *widget)
{
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
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *font = NULL;
  int label_width = 0;
  double value_width, bar_x, bar_w, row_h, bar_h, top;

  if (self->result == NULL)
    return GDK_EVENT_PROPAGATE;

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
      double y = top + row_h * axis + (row_h - bar_h) / 2;
      guint score;
      int tw, th;

      pango_layout_set_text (layout, sillon_axis_get_label (axis), -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (bar_h - th) / 2);
      pango_cairo_show_layout (cr, layout);

      if (sillon_assessment_result_get_score (self->result, axis, &score))
        {
          g_autofree char *value = g_strdup_printf ("%u", score);

          /* The empty track, so that 0 still shows a bar's length. */
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
          cairo_rectangle (cr, bar_x, y, bar_w, bar_h);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, colours[axis][0], colours[axis][1], colours[axis][2]);
          cairo_rectangle (cr, bar_x, y, MAX (2.0, bar_w * score / 100.0), bar_h);
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

static GtkWidget *
grid_label (const char *text,
            const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  if (style_class != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);
  gtk_widget_show (label);
  return label;
}

static void
fill_areas (SillonAssessmentWizard *self)
{
  int row = 0;

  clear_container (GTK_CONTAINER (self->areas_grid));
  for (guint area = SILLON_AREA_INFORMATION; area < SILLON_AREA_COUNT; area++)
    {
      guint score, answered = 0, total = 0;
      g_autofree char *value = NULL;
      g_autofree char *heading = NULL;
      g_autoptr (GString) skills = g_string_new (NULL);
      GtkWidget *label;

      for (guint i = 0; i < n_items (self); i++)
        {
          const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (self->questionnaire, i);
          int level;

          if (sillon_questionnaire_item_get_area (item) != area)
            continue;
          total++;
          level = sillon_assessment_result_get_skill_level (self->result, sillon_questionnaire_item_get_id (item));
          if (level < 0)
            continue;
          answered++;
          if (skills->len > 0)
            g_string_append_c (skills, '\n');
          /* Translators: a skill (its question) and the level reached. */
          g_string_append_printf (skills, _ ("%s — %s"), sillon_questionnaire_item_get_question (item),
                                  sillon_questionnaire_item_lookup_label (item, (guint) level));
        }

      if (sillon_assessment_result_get_area_score (self->result, area, &score))
        /* Translators: an area's score, then how many of its skills were answered. */
        value = g_strdup_printf (ngettext ("%u / 100 (%u of %u skill)", "%u / 100 (%u of %u skills)", total),
                                 score, answered, total);
      else
        value = g_strdup (_ ("no answer"));

      /* Translators: a competence area and its score, e.g. "Information and data: 67 / 100 (2 of 2 skills)". */
      heading = g_markup_printf_escaped (_ ("<b>%s</b>: %s"), sillon_area_get_label (area), value);
      label = grid_label (heading, answered == 0 ? "dim-label" : NULL);
      gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
      gtk_grid_attach (self->areas_grid, label, 0, row++, 1, 1);
      if (skills->len > 0)
        {
          label = grid_label (skills->str, "sillon-skill-list");
          gtk_widget_set_margin_start (label, 18);
          gtk_widget_set_margin_bottom (label, 4);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 90);
          gtk_grid_attach (self->areas_grid, label, 0, row++, 1, 1);
        }
    }
}

static gboolean
is_suggested (SillonAssessmentWizard *self,
              const char *id)
{
  const char *const *ids = sillon_assessment_result_get_orientations (self->result);

  return ids != NULL && g_strv_contains (ids, id);
}

static gboolean
is_added (SillonAssessmentWizard *self,
          const char *id)
{
  for (guint i = 0; i < self->added_orientations->len; i++)
    if (g_str_equal (self->added_orientations->pdata[i], id))
      return TRUE;
  return FALSE;
}

static GtkWidget *
orientation_check (SillonAssessmentWizard *self,
                   const char *id,
                   const char *text,
                   gboolean added,
                   gboolean active)
{
  GtkWidget *check = gtk_check_button_new_with_label (text);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), active);
  g_object_set_data_full (G_OBJECT (check), "orientation-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (check), "orientation-added", GINT_TO_POINTER (added));
  /* Long labels must wrap inside the page rather than widen it. */
  gtk_label_set_line_wrap (GTK_LABEL (gtk_bin_get_child (GTK_BIN (check))), TRUE);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (gtk_widget_hide), self->summary_message);
  gtk_widget_show (check);
  gtk_box_pack_start (self->orientations_box, check, FALSE, FALSE, 0);
  g_ptr_array_add (self->orientation_checks, check);
  return check;
}

/* Orientations of the rules that are neither suggested nor already added. */
static void
fill_add_orientation_combo (SillonAssessmentWizard *self)
{
  guint n = 0;

  gtk_combo_box_text_remove_all (self->add_orientation_combo);
  for (guint i = 0; i < sillon_orientation_rules_get_n_orientations (self->rules); i++)
    {
      const char *id = sillon_orientation_rules_get_orientation_id (self->rules, i);
      const char *label;

      if (id == NULL || is_suggested (self, id) || is_added (self, id))
        continue;
      label = sillon_orientation_rules_get_orientation_label (self->rules, id);
      gtk_combo_box_text_append (self->add_orientation_combo, id, label != NULL ? label : id);
      n++;
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->add_orientation_combo), n > 0 ? 0 : -1);
  gtk_widget_set_sensitive (self->add_orientation_box, n > 0);
}

static void
fill_orientations (SillonAssessmentWizard *self)
{
  g_autoptr (GHashTable) unticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const *ids = sillon_assessment_result_get_orientations (self->result);
  guint n_suggested = 0;

  /* The list is built again when the urgency changes the suggestions or
   * an orientation is added: what the mediator unticked stays unticked. */
  for (guint i = 0; i < self->orientation_checks->len; i++)
    {
      GObject *check = self->orientation_checks->pdata[i];

      if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)))
        g_hash_table_add (unticked, g_strdup (g_object_get_data (check, "orientation-id")));
    }

  clear_container (GTK_CONTAINER (self->orientations_box));
  g_ptr_array_set_size (self->orientation_checks, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *label = sillon_orientation_rules_get_orientation_label (self->rules, ids[i]);

      orientation_check (self, ids[i], label != NULL ? label : ids[i], FALSE, !g_hash_table_contains (unticked, ids[i]));
      n_suggested++;
    }
  if (n_suggested == 0)
    gtk_box_pack_start (self->orientations_box,
                        grid_label (_ ("No suggestion from these answers."), "dim-label"), FALSE, FALSE, 0);

  for (guint i = 0; i < self->added_orientations->len;)
    {
      const char *id = self->added_orientations->pdata[i];
      const char *label = sillon_orientation_rules_get_orientation_label (self->rules, id);
      g_autofree char *text = NULL;

      /* Now suggested by the rules themselves: adding it would say nothing. */
      if (is_suggested (self, id))
        {
          g_ptr_array_remove_index (self->added_orientations, i);
          continue;
        }
      /* Translators: an orientation the rules did not suggest, added by the mediator. */
      text = g_strdup_printf (_ ("%s — added by you"), label != NULL ? label : id);
      orientation_check (self, id, text, TRUE, !g_hash_table_contains (unticked, id));
      i++;
    }
  fill_add_orientation_combo (self);
}

static void
on_add_orientation_button_clicked (SillonAssessmentWizard *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->add_orientation_combo));
  GtkWidget *check;

  if (id == NULL || self->result == NULL || is_suggested (self, id) || is_added (self, id))
    return;
  g_ptr_array_add (self->added_orientations, g_strdup (id));
  sillon_message_label_set (self->summary_message, NULL);
  fill_orientations (self);
  /* With nothing left to add, the focus would be lost on an insensitive
   * button: it goes to what was just added. */
  check = self->orientation_checks->pdata[self->orientation_checks->len - 1];
  if (!gtk_widget_get_sensitive (self->add_orientation_box))
    gtk_widget_grab_focus (check);
}

static void
fill_degree_combo (SillonAssessmentWizard *self)
{
  SillonDegree computed = sillon_assessment_result_get_degree (self->result);
  /* Translators: the first choice of the degree override: keep the computed degree. */
  g_autofree char *keep = g_strdup_printf (_ ("As computed: %s"), sillon_degree_get_label (computed));

  gtk_combo_box_text_remove_all (self->degree_combo);
  gtk_combo_box_text_append (self->degree_combo, "computed", keep);
  for (guint d = SILLON_DEGREE_TRES_ELOIGNE; d < SILLON_DEGREE_COUNT; d++)
    if (d != computed)
      gtk_combo_box_text_append (self->degree_combo, sillon_degree_to_id (d), sillon_degree_get_label (d));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->degree_combo), "computed");
}

static void
show_summary (SillonAssessmentWizard *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *basis = NULL;
  g_autofree char *description = NULL;
  guint answered = 0, skipped = 0;
  SillonDegree degree;
  AtkObject *accessible;

  /* Overrides are decided on this page and applied on saving. */
  sillon_assessment_clear_overrides (self->assessment);
  g_ptr_array_set_size (self->added_orientations, 0);
  g_clear_pointer (&self->result, sillon_assessment_result_free);
  self->result = sillon_assessment_evaluate (self->assessment, self->rules, &error);
  if (self->result == NULL)
    {
      sillon_message_label_set (self->question_message, error->message);
      return;
    }

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      SillonCoverage coverage;
      sillon_assessment_result_get_coverage (self->result, axis, &coverage);
      answered += coverage.answered;
      skipped += coverage.skipped;
    }

  if (answered + skipped < n_items (self))
    gtk_label_set_text (self->summary_title, _ ("Result So Far"));
  else
    gtk_label_set_text (self->summary_title, _ ("Result"));
  /* Translators: %1$u answers given, %2$u questions in all, %3$u skipped. */
  basis = g_strdup_printf (_ ("Based on %1$u answers out of %2$u questions (%3$u skipped). "
                              "Questions not answered count for nothing, not for zero."),
                           answered, n_items (self), skipped);
  gtk_label_set_text (self->basis_label, basis);

  description = describe_scores (self);
  accessible = gtk_widget_get_accessible (self->chart);
  atk_object_set_role (accessible, ATK_ROLE_CHART);
  atk_object_set_name (accessible, _ ("Scores by axis, out of 100"));
  atk_object_set_description (accessible, description);
  gtk_widget_set_tooltip_text (self->chart, description);
  gtk_widget_queue_draw (self->chart);

  degree = sillon_assessment_result_get_degree (self->result);
  gtk_label_set_text (self->degree_label, sillon_degree_get_label (degree));
  gtk_label_set_text (self->degree_definition, degree_definition (degree));
  gtk_widget_set_visible (GTK_WIDGET (self->provisional_label),
                          degree != SILLON_DEGREE_NONE && sillon_assessment_result_is_provisional (self->result));
  gtk_label_set_text (self->provisional_label,
                      _ ("Provisional: fewer than half of the skills questions were answered, or no access question was. Complete the assessment to confirm it."));

  g_signal_handlers_block_by_func (self->urgent_check, on_urgent_check_toggled, self);
  gtk_toggle_button_set_active (self->urgent_check,
                                sillon_assessment_get_context (self->assessment, "urgent_procedure"));
  g_signal_handlers_unblock_by_func (self->urgent_check, on_urgent_check_toggled, self);
  fill_areas (self);
  fill_orientations (self);
  fill_degree_combo (self);
  gtk_entry_set_text (self->reason_entry, "");
  sillon_message_label_set (self->summary_message, NULL);

  gtk_stack_set_visible_child (self->pages, self->summary_page);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->summary_scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->degree_combo));
}

/* The urgency is a fact about the visit, not an answer: it only changes
 * the suggestions (doing it for the person, under a mandate). */
static void
on_urgent_check_toggled (SillonAssessmentWizard *self)
{
  g_autoptr (GError) error = NULL;
  SillonAssessmentResult *result;

  if (self->assessment == NULL || self->result == NULL)
    return;
  if (!sillon_assessment_set_context (self->assessment, "urgent_procedure",
                                      gtk_toggle_button_get_active (self->urgent_check), &error))
    {
      show_summary_error (self, error->message);
      return;
    }
  result = sillon_assessment_evaluate (self->assessment, self->rules, &error);
  if (result == NULL)
    {
      show_summary_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->result, sillon_assessment_result_free);
  self->result = result;
  fill_orientations (self);
}

static void
on_decision_changed (SillonAssessmentWizard *self)
{
  sillon_message_label_set (self->summary_message, NULL);
}

static void
on_continue_button_clicked (SillonAssessmentWizard *self)
{
  /* Back to the first question never asked, else to the last one. */
  self->current = n_items (self) - 1;
  for (guint i = 0; i < n_items (self); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (self->questionnaire, i);
      if (sillon_assessment_get_answer (self->assessment, sillon_questionnaire_item_get_id (item), NULL) == SILLON_ANSWER_NONE)
        {
          self->current = i;
          break;
        }
    }
  show_question (self);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static gboolean
apply_decision (SillonAssessmentWizard *self,
                const char *reason,
                gboolean *out_overridden,
                GError **error)
{
  const char *degree_id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->degree_combo));
  SillonDegree degree;

  *out_overridden = FALSE;
  sillon_assessment_clear_overrides (self->assessment);
  if (degree_id != NULL && !g_str_equal (degree_id, "computed") && sillon_degree_from_id (degree_id, &degree))
    {
      if (!sillon_assessment_override_degree (self->assessment, degree, reason, self->mediator_name, error))
        return FALSE;
      *out_overridden = TRUE;
    }
  for (guint i = 0; i < self->orientation_checks->len; i++)
    {
      GtkToggleButton *check = self->orientation_checks->pdata[i];
      const char *id = g_object_get_data (G_OBJECT (check), "orientation-id");
      gboolean added = g_object_get_data (G_OBJECT (check), "orientation-added") != NULL;
      gboolean active = gtk_toggle_button_get_active (check);

      /* An added orientation unticked again is simply not added. */
      if (added != active)
        continue;
      if (added)
        {
          if (!sillon_assessment_add_orientation (self->assessment, id, reason, self->mediator_name, error))
            return FALSE;
        }
      else if (!sillon_assessment_dismiss_orientation (self->assessment, id, reason, self->mediator_name, error))
        return FALSE;
      *out_overridden = TRUE;
    }
  return TRUE;
}

/* Once the message above the buttons has taken its place, the reason
 * entry at the end of the page must be in view again. */
static gboolean
scroll_summary_to_end (gpointer data)
{
  SillonAssessmentWizard *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->summary_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

static void
show_summary_error (SillonAssessmentWizard *self,
                    const char *message)
{
  sillon_message_label_set (self->summary_message, message);
  g_idle_add_full (G_PRIORITY_LOW, scroll_summary_to_end, g_object_ref (self), g_object_unref);
}

static void
on_save_button_clicked (SillonAssessmentWizard *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_entry_get_text (self->reason_entry)));
  g_autoptr (SillonAssessmentRecord) record = sillon_assessment_record_new ();
  g_autoptr (SillonAssessmentResult) final = NULL;
  g_autoptr (JsonNode) answers = NULL;
  g_autoptr (JsonNode) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean overridden = FALSE;

  g_return_if_fail (self->store != NULL);

  if (!apply_decision (self, reason, &overridden, &error))
    {
      if (reason[0] == '\0')
        show_summary_error (self, _ ("Say why you change the degree, untick a suggestion or add an orientation: the reason is kept with the assessment."));
      else
        show_summary_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
      sillon_assessment_clear_overrides (self->assessment);
      return;
    }

  final = sillon_assessment_evaluate (self->assessment, self->rules, &error);
  if (final == NULL)
    {
      show_summary_error (self, error->message);
      return;
    }
  answers = sillon_assessment_to_json (self->assessment);
  result = sillon_assessment_result_to_json (final);

  record->beneficiary_id = self->beneficiary_id;
  record->date = g_strdup (sillon_assessment_get_date (self->assessment));
  record->questionnaire_id = g_strdup (QUESTIONNAIRE_ID);
  record->questionnaire_version = (int) sillon_questionnaire_get_version (self->questionnaire);
  record->answers_json = node_to_string (answers);
  record->result_json = node_to_string (result);
  if (overridden)
    {
      JsonObject *object = json_node_get_object (answers);
      JsonNode *overrides = json_object_get_member (object, "overrides");

      record->override_json = overrides != NULL ? node_to_string (overrides) : g_strdup ("{}");
      record->override_reason = g_strdup (reason);
    }

  if (!sillon_store_insert_assessment (self->store, record, &error))
    {
      show_summary_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, record->id);
  sillon_assessment_wizard_reset (self);
}

/* ── Discarding ────────────────────────────────────────────────────────── */

/* Answers given, counting the one chosen on the current question but not
 * yet confirmed with Enter: the mediator keyed it in all the same. */
static guint
count_answers (SillonAssessmentWizard *self)
{
  guint n = 0;

  for (guint i = 0; i < n_items (self); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (self->questionnaire, i);
      SillonAnswerState state = sillon_assessment_get_answer (self->assessment,
                                                              sillon_questionnaire_item_get_id (item), NULL);

      if (state == SILLON_ANSWER_GIVEN)
        n++;
      else if (i == self->current && gtk_stack_get_visible_child (self->pages) == self->question_page &&
               selected_index (self) >= 0)
        n++;
    }
  return n;
}

/* The decision section is only read on saving, so what the mediator
 * changed there lives in the widgets until then. */
static gboolean
decision_changed (SillonAssessmentWizard *self)
{
  const char *degree_id;

  if (sillon_assessment_get_context (self->assessment, "urgent_procedure"))
    return TRUE;
  if (self->result == NULL || gtk_stack_get_visible_child (self->pages) != self->summary_page)
    return FALSE;
  degree_id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->degree_combo));
  if (degree_id != NULL && !g_str_equal (degree_id, "computed"))
    return TRUE;
  if (gtk_entry_get_text_length (self->reason_entry) > 0)
    return TRUE;
  for (guint i = 0; i < self->orientation_checks->len; i++)
    {
      GObject *check = self->orientation_checks->pdata[i];
      gboolean added = g_object_get_data (check, "orientation-added") != NULL;

      if (added == gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)))
        return TRUE;
    }
  return FALSE;
}

gboolean
sillon_assessment_wizard_has_answers (SillonAssessmentWizard *self)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self), FALSE);

  if (self->assessment == NULL)
    return FALSE;
  return count_answers (self) > 0 || decision_changed (self);
}

static void
close_discard_dialog (SillonAssessmentWizard *self)
{
  self->on_discard = NULL;
  self->on_discard_data = NULL;
  if (self->discard_dialog != NULL)
    gtk_widget_destroy (self->discard_dialog);
}

static void
on_discard_dialog_response (GtkDialog *dialog,
                            int response,
                            SillonAssessmentWizard *self)
{
  SillonAssessmentWizardDiscardFunc on_discard = self->on_discard;
  gpointer data = self->on_discard_data;

  close_discard_dialog (self);
  /* Escape, closing the dialog and Keep Editing all keep the work. */
  if (response == GTK_RESPONSE_ACCEPT && on_discard != NULL)
    on_discard (self, data);
}

void
sillon_assessment_wizard_ask_discard (SillonAssessmentWizard *self,
                                      const char *question,
                                      const char *discard_label,
                                      SillonAssessmentWizardDiscardFunc on_discard,
                                      gpointer user_data)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *keep;
  GtkWidget *discard;
  guint n;

  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));
  g_return_if_fail (question != NULL);
  g_return_if_fail (discard_label != NULL);
  g_return_if_fail (on_discard != NULL);

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  n = self->assessment != NULL ? count_answers (self) : 0;
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
  if (n > 0)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                              ngettext ("The %u answer given so far will be lost.",
                                                        "The %u answers given so far will be lost.", n),
                                              n);
  else
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                              _ ("The decision you made on the result page will be lost."));

  keep = gtk_dialog_add_button (GTK_DIALOG (dialog), _ ("_Keep Editing"), GTK_RESPONSE_CANCEL);
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog), discard_label, GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (discard), "destructive-action");
  /* Enter, like Escape, keeps the work: discarding takes a deliberate choice. */
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_widget_grab_focus (keep);
  /* The mediator works from the keyboard: show at once where Enter goes. */
  gtk_window_set_focus_visible (GTK_WINDOW (dialog), TRUE);
  /* A message dialog is named after its type ("Question") otherwise. */
  atk_object_set_name (gtk_widget_get_accessible (dialog), question);

  self->discard_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->discard_dialog);
  self->on_discard = on_discard;
  self->on_discard_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Life cycle ────────────────────────────────────────────────────────── */

void
sillon_assessment_wizard_start (SillonAssessmentWizard *self,
                                SillonStore *store,
                                SillonQuestionnaire *questionnaire,
                                SillonOrientationRules *rules,
                                gint64 beneficiary_id,
                                const char *person_name,
                                const char *mediator_name)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *about = NULL;

  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));
  g_return_if_fail (store != NULL);
  g_return_if_fail (SILLON_IS_QUESTIONNAIRE (questionnaire));
  g_return_if_fail (SILLON_IS_ORIENTATION_RULES (rules));

  sillon_assessment_wizard_reset (self);
  self->store = store;
  g_set_object (&self->questionnaire, questionnaire);
  g_set_object (&self->rules, rules);
  self->assessment = sillon_assessment_new (questionnaire);
  if (!sillon_assessment_set_date (self->assessment, today, NULL))
    g_warn_if_reached ();
  self->beneficiary_id = beneficiary_id;
  self->person_name = g_strdup (person_name);
  self->mediator_name = g_strdup (mediator_name);
  self->current = 0;

  /* Translators: %s is the assessed person's name. */
  about = g_strdup_printf (_ ("Assessment of %s"), person_name);
  gtk_label_set_text (self->person_label, about);
  gtk_expander_set_expanded (self->help_expander, FALSE);
  show_question (self);
}

void
sillon_assessment_wizard_reset (SillonAssessmentWizard *self)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));

  close_discard_dialog (self);
  self->store = NULL;
  g_clear_pointer (&self->result, sillon_assessment_result_free);
  g_clear_object (&self->assessment);
  g_clear_pointer (&self->person_name, g_free);
  g_clear_pointer (&self->mediator_name, g_free);
  if (self->answer_buttons != NULL)
    g_ptr_array_set_size (self->answer_buttons, 0);
  if (self->orientation_checks != NULL)
    g_ptr_array_set_size (self->orientation_checks, 0);
  if (self->added_orientations != NULL)
    g_ptr_array_set_size (self->added_orientations, 0);
  /* Answers are personal data: do not leave them in widgets either. */
  if (self->answers_box != NULL)
    {
      clear_container (GTK_CONTAINER (self->answers_box));
      clear_container (GTK_CONTAINER (self->areas_grid));
      clear_container (GTK_CONTAINER (self->orientations_box));
      gtk_entry_set_text (self->reason_entry, "");
      gtk_label_set_text (self->person_label, "");
    }
}

gboolean
sillon_assessment_wizard_is_active (SillonAssessmentWizard *self)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self), FALSE);
  return self->assessment != NULL;
}

gint64
sillon_assessment_wizard_get_beneficiary_id (SillonAssessmentWizard *self)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self), 0);
  return self->assessment != NULL ? self->beneficiary_id : 0;
}

void
sillon_assessment_wizard_suspend (SillonAssessmentWizard *self)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));

  /* Locking keeps the answers: a pending question about discarding them
   * counts as "keep editing". */
  close_discard_dialog (self);
  self->store = NULL;
  /* Nothing about the person stays on screen behind the lock page; the
   * question is rebuilt from the answers on resuming. */
  gtk_label_set_text (self->person_label, "");
  clear_container (GTK_CONTAINER (self->answers_box));
  g_ptr_array_set_size (self->answer_buttons, 0);
}

void
sillon_assessment_wizard_resume (SillonAssessmentWizard *self,
                                 SillonStore *store)
{
  g_autofree char *about = NULL;

  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));
  g_return_if_fail (store != NULL);
  g_return_if_fail (self->assessment != NULL);

  self->store = store;
  /* Translators: %s is the assessed person's name. */
  about = g_strdup_printf (_ ("Assessment of %s"), self->person_name);
  gtk_label_set_text (self->person_label, about);
  if (gtk_stack_get_visible_child (self->pages) == self->question_page)
    show_question (self);
}

static void
sillon_assessment_wizard_dispose (GObject *object)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (object);

  if (self->toplevel != NULL)
    {
      g_signal_handler_disconnect (self->toplevel, self->key_handler);
      g_object_remove_weak_pointer (G_OBJECT (self->toplevel), (gpointer *) &self->toplevel);
      self->toplevel = NULL;
    }
  close_discard_dialog (self);
  self->store = NULL;
  g_clear_pointer (&self->result, sillon_assessment_result_free);
  g_clear_object (&self->assessment);
  g_clear_object (&self->questionnaire);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->answer_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->orientation_checks, g_ptr_array_unref);
  g_clear_pointer (&self->added_orientations, g_ptr_array_unref);
  G_OBJECT_CLASS (sillon_assessment_wizard_parent_class)->dispose (object);
}

static void
sillon_assessment_wizard_finalize (GObject *object)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (object);

  g_free (self->person_name);
  g_free (self->mediator_name);
  G_OBJECT_CLASS (sillon_assessment_wizard_parent_class)->finalize (object);
}

static void
sillon_assessment_wizard_class_init (SillonAssessmentWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_assessment_wizard_dispose;
  object_class->finalize = sillon_assessment_wizard_finalize;
  widget_class->hierarchy_changed = on_hierarchy_changed;

  /* The id of the stored assessment. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-assessment-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, pages);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_page);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, axis_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, person_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, position_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, help_expander);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, help_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, answers_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_message);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, summary_page);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, summary_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, summary_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, summary_title);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, basis_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, chart);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, degree_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, degree_definition);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, provisional_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, areas_grid);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, urgent_check);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, orientations_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, add_orientation_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, add_orientation_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, degree_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, summary_message);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_orientation_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_draw);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_urgent_check_toggled);
}

static void
sillon_assessment_wizard_init (SillonAssessmentWizard *self)
{
  AtkObject *accessible;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->answer_buttons = g_ptr_array_new ();
  self->orientation_checks = g_ptr_array_new ();
  self->added_orientations = g_ptr_array_new_with_free_func (g_free);
  /* Tabbing through the summary brings each control into view. */
  gtk_container_set_focus_vadjustment (self->summary_box,
                                       gtk_scrolled_window_get_vadjustment (self->summary_scroller));

  accessible = gtk_widget_get_accessible (self->chart);
  atk_object_set_role (accessible, ATK_ROLE_CHART);
  atk_object_set_name (accessible, _ ("Scores by axis, out of 100"));

  /* GTK gives the combo box's drop-down list no name of its own; a screen
   * reader then announces an anonymous menu when it opens. */
  accessible = gtk_combo_box_get_popup_accessible (GTK_COMBO_BOX (self->degree_combo));
  if (accessible != NULL)
    atk_object_set_name (accessible, _ ("Degree"));
  accessible = gtk_combo_box_get_popup_accessible (GTK_COMBO_BOX (self->add_orientation_combo));
  if (accessible != NULL)
    atk_object_set_name (accessible, _ ("Orientation to add"));
}

SillonAssessmentWizard *
sillon_assessment_wizard_new (void)
{
  return g_object_new (SILLON_TYPE_ASSESSMENT_WIZARD, NULL);
}
