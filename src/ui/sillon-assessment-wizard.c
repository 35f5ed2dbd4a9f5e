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
 *
 * Every step is an action of the "wizard" group (next, back, skip, finish,
 * cancel, continue, save, select-answer, move-selection): the buttons name
 * them in the templates, the application binds Alt+Left and Ctrl+Right to
 * them, and the key hook below only turns the plain keys of the question
 * page into them. The result page is its own widget
 * (SillonAssessmentSummary), its chart too (SillonScoreChart).
 *
 * The mediator first chooses the quick assessment (about ten questions of
 * the questionnaire, sillon-quick-assessment) or the full one. A quick
 * answer is an answer of the full questionnaire: from the result page,
 * "Continue Answering" goes on with the full questionnaire's questions not
 * asked yet, the quick ones kept.
 */

#include "config.h"

#include "sillon-assessment-wizard.h"

#include <glib/gi18n.h>

#include "sillon-assessment-summary.h"
#include "sillon-message-label.h"
#include "sillon-question-dialog.h"
#include "sillon-quick-assessment.h"
#include "sillon-widget-util.h"

/* The store's name for the questionnaire family, whatever its version. */
#define QUESTIONNAIRE_ID "pouvoir-vouloir-savoir"

struct _SillonAssessmentWizard
{
  SillonPage parent_instance;

  SillonQuestionnaireRegistry *registry; /* loaded on the first assessment */
  SillonQuestionnaire *questionnaire;
  SillonOrientationRules *rules;
  SillonQuickForm *quick_form; /* loaded when first chosen */
  /* Asking the quick form's questions only; @current counts in them. */
  gboolean quick;
  SillonAssessment *assessment;
  gint64 beneficiary_id;
  char *person_name;
  char *mediator_name;
  guint current;
  /* The answer chosen on the current question but not yet confirmed when
   * the vault locked (-1: none): it is chosen again on resuming. */
  int pending_choice;
  GPtrArray *answer_buttons; /* GtkRadioButton*, in choice order */
  GtkWidget *none_button;    /* the group's hidden member: no choice yet */
  GSimpleActionGroup *actions;
  GtkWidget *toplevel; /* whose key presses we look at first */
  gulong key_handler;
  GtkWidget *discard_dialog; /* weak: the question about discarding, if shown */
  GTask *discard_task;       /* its answer, once given */

  GtkStack *pages;
  GtkWidget *choice_page;
  GtkLabel *choice_person_label;
  GtkLabel *choice_message;
  GtkWidget *quick_button;
  GtkWidget *full_button;
  GtkLabel *full_description;
  GtkWidget *question_page;
  GtkLabel *axis_label;
  GtkLabel *person_label;
  GtkLabel *position_label;
  GtkProgressBar *progress_bar;
  GtkScrolledWindow *question_scroller;
  GtkWidget *question_content;
  GtkLabel *question_label;
  GtkExpander *help_expander;
  GtkLabel *help_label;
  GtkBox *answers_box;
  GtkLabel *question_message;
  SillonAssessmentSummary *summary_page;
};

G_DEFINE_FINAL_TYPE (SillonAssessmentWizard, sillon_assessment_wizard, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_SAVED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void answer_discard_question (SillonAssessmentWizard *self,
                                     gboolean discard);

static guint
n_items (SillonAssessmentWizard *self)
{
  return sillon_questionnaire_get_n_items (self->questionnaire);
}

/* The questions asked one after the other: the quick form's, or all. */
static guint
n_steps (SillonAssessmentWizard *self)
{
  return self->quick ? sillon_quick_form_get_n_items (self->quick_form) : n_items (self);
}

static const SillonQuestionnaireItem *
item_at_step (SillonAssessmentWizard *self,
              guint step)
{
  if (self->quick)
    return sillon_quick_form_get_item (self->quick_form, step);
  return sillon_questionnaire_get_item (self->questionnaire, step);
}

static const SillonQuestionnaireItem *
current_item (SillonAssessmentWizard *self)
{
  return item_at_step (self, self->current);
}

/* ── Actions ───────────────────────────────────────────────────────────── */

static void
set_action_enabled (SillonAssessmentWizard *self,
                    const char *name,
                    gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* What can be done follows what is on screen; the buttons follow the
 * actions. Nothing is possible while the vault is locked. */
static void
update_actions (SillonAssessmentWizard *self)
{
  gboolean active = self->assessment != NULL && sillon_page_get_store (SILLON_PAGE (self)) != NULL;
  GtkWidget *shown = gtk_stack_get_visible_child (self->pages);
  gboolean asking = active && shown == self->question_page;
  gboolean deciding = active && shown == GTK_WIDGET (self->summary_page);
  gboolean choosing = active && shown == self->choice_page;

  set_action_enabled (self, "start-quick", choosing);
  set_action_enabled (self, "start-full", choosing);
  set_action_enabled (self, "next", asking);
  set_action_enabled (self, "back", asking && self->current > 0);
  set_action_enabled (self, "skip", asking);
  set_action_enabled (self, "finish", asking);
  set_action_enabled (self, "select-answer", asking);
  set_action_enabled (self, "move-selection", asking);
  set_action_enabled (self, "cancel", active);
  set_action_enabled (self, "continue", deciding);
  set_action_enabled (self, "save", deciding);
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
  position = g_strdup_printf (_ ("Question %u of %u"), self->current + 1, n_steps (self));
  gtk_label_set_text (self->position_label, position);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) self->current / n_steps (self));
  gtk_label_set_text (self->question_label, sillon_questionnaire_item_get_question (item));
  gtk_widget_set_visible (GTK_WIDGET (self->help_expander), help != NULL);
  gtk_label_set_text (self->help_label, help != NULL ? help : "");

  sillon_container_destroy_children (GTK_CONTAINER (self->answers_box));
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

  if (self->pending_choice >= 0 && (guint) self->pending_choice < self->answer_buttons->len)
    gtk_toggle_button_set_active (self->answer_buttons->pdata[self->pending_choice], TRUE);
  self->pending_choice = -1;

  if (state == SILLON_ANSWER_SKIPPED)
    sillon_message_label_set (self->question_message, _ ("This question was skipped. Choose an answer, or press S to leave it skipped."));
  else
    sillon_message_label_set (self->question_message, NULL);

  gtk_stack_set_visible_child (self->pages, self->question_page);
  update_actions (self);
  if (selected_index (self) >= 0)
    gtk_widget_grab_focus (self->answer_buttons->pdata[selected_index (self)]);
  else if (self->answer_buttons->len > 0)
    gtk_widget_grab_focus (self->answer_buttons->pdata[0]);
}

static void show_summary (SillonAssessmentWizard *self);

static void
go_next (SillonAssessmentWizard *self)
{
  if (self->current + 1 >= n_steps (self))
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
 * own Enter, and text entries their digits. The keys only activate actions;
 * Alt+Left and Ctrl+Right are the application's accelerators for
 * wizard.back and wizard.skip. */
static gboolean
activate_action (SillonAssessmentWizard *self,
                 const char *name,
                 GVariant *parameter)
{
  g_autoptr (GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (self->actions), name))
    return GDK_EVENT_PROPAGATE;
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), name, owned);
  return GDK_EVENT_STOP;
}

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
      gtk_stack_get_visible_child (self->pages) != self->question_page || mods != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return activate_action (self, "select-answer", g_variant_new_uint32 (keyval - GDK_KEY_1));
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return activate_action (self, "select-answer", g_variant_new_uint32 (keyval - GDK_KEY_KP_1));
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    return activate_action (self, "move-selection", g_variant_new_int32 (-1));
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    return activate_action (self, "move-selection", g_variant_new_int32 (1));
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (on_answer || !GTK_IS_BUTTON (focus)))
    return activate_action (self, "next", NULL);
  if (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up)
    return activate_action (self, "back", NULL);
  if (keyval == GDK_KEY_s || keyval == GDK_KEY_S)
    return activate_action (self, "skip", NULL);
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
on_next_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  confirm_answer (SILLON_ASSESSMENT_WIZARD (user_data));
}

static void
on_back_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  go_back (SILLON_ASSESSMENT_WIZARD (user_data));
}

static void
on_skip_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  skip_question (SILLON_ASSESSMENT_WIZARD (user_data));
}

static void
on_finish_activated (GSimpleAction *action,
                     GVariant *parameter,
                     gpointer user_data)
{
  show_summary (SILLON_ASSESSMENT_WIZARD (user_data));
}

static void
on_select_answer_activated (GSimpleAction *action,
                            GVariant *parameter,
                            gpointer user_data)
{
  select_answer (SILLON_ASSESSMENT_WIZARD (user_data), g_variant_get_uint32 (parameter));
}

static void
on_move_selection_activated (GSimpleAction *action,
                             GVariant *parameter,
                             gpointer user_data)
{
  move_selection (SILLON_ASSESSMENT_WIZARD (user_data), g_variant_get_int32 (parameter));
}

static void
discard_and_cancel (SillonAssessmentWizard *self)
{
  sillon_assessment_wizard_reset (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

static void
on_cancel_question_answered (GObject *source,
                             GAsyncResult *result,
                             gpointer user_data)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (source);

  if (sillon_assessment_wizard_ask_discard_finish (self, result, NULL))
    discard_and_cancel (self);
}

static void
on_cancel_activated (GSimpleAction *action,
                     GVariant *parameter,
                     gpointer user_data)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (user_data);

  /* Cancel and Discard sit next to the keys used all along (Enter, Alt+…):
   * one slip must not throw away a person's answers. */
  if (sillon_assessment_wizard_has_answers (self))
    sillon_assessment_wizard_ask_discard_async (self, _ ("Discard this assessment?"), _ ("_Discard"),
                                                NULL, on_cancel_question_answered, NULL);
  else
    discard_and_cancel (self);
}

/* ── Result ────────────────────────────────────────────────────────────── */

static void
show_summary (SillonAssessmentWizard *self)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_assessment_summary_show (self->summary_page, self->assessment, self->questionnaire,
                                       self->rules, &error))
    {
      sillon_message_label_set (self->question_message, error->message);
      return;
    }
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->summary_page));
  update_actions (self);
  sillon_assessment_summary_focus_decision (self->summary_page);
}

static void
on_continue_activated (GSimpleAction *action,
                       GVariant *parameter,
                       gpointer user_data)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (user_data);

  /* The quick form leads on to the full questionnaire, its answers kept. */
  self->quick = FALSE;
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

static void
on_save_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (user_data);
  g_autofree char *reason = NULL;
  g_autoptr (SillonAssessmentRecord) record = sillon_assessment_record_new ();
  g_autoptr (SillonAssessmentResult) final = NULL;
  g_autoptr (JsonNode) answers = NULL;
  g_autoptr (JsonNode) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean overridden = FALSE;
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));

  g_return_if_fail (store != NULL);

  if (!sillon_assessment_summary_apply_decision (self->summary_page, self->mediator_name, &reason, &overridden))
    return;

  final = sillon_assessment_evaluate (self->assessment, self->rules, &error);
  if (final == NULL)
    {
      sillon_assessment_summary_show_error (self->summary_page, error->message);
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

  if (!sillon_store_insert_assessment (store, record, &error))
    {
      sillon_assessment_summary_show_error (self->summary_page, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, record->id);
  sillon_assessment_wizard_reset (self);
}

static void start_questions (SillonAssessmentWizard *self,
                             gboolean quick);

static void
on_start_quick_activated (GSimpleAction *action,
                          GVariant *parameter,
                          gpointer user_data)
{
  start_questions (SILLON_ASSESSMENT_WIZARD (user_data), TRUE);
}

static void
on_start_full_activated (GSimpleAction *action,
                         GVariant *parameter,
                         gpointer user_data)
{
  start_questions (SILLON_ASSESSMENT_WIZARD (user_data), FALSE);
}

static const GActionEntry wizard_actions[] = {
  { "start-quick", on_start_quick_activated, NULL, NULL, NULL, { 0 } },
  { "start-full", on_start_full_activated, NULL, NULL, NULL, { 0 } },
  { "next", on_next_activated, NULL, NULL, NULL, { 0 } },
  { "back", on_back_activated, NULL, NULL, NULL, { 0 } },
  { "skip", on_skip_activated, NULL, NULL, NULL, { 0 } },
  { "finish", on_finish_activated, NULL, NULL, NULL, { 0 } },
  { "select-answer", on_select_answer_activated, "u", NULL, NULL, { 0 } },
  { "move-selection", on_move_selection_activated, "i", NULL, NULL, { 0 } },
  { "cancel", on_cancel_activated, NULL, NULL, NULL, { 0 } },
  { "continue", on_continue_activated, NULL, NULL, NULL, { 0 } },
  { "save", on_save_activated, NULL, NULL, NULL, { 0 } },
};

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
      else if (item == current_item (self) && gtk_stack_get_visible_child (self->pages) == self->question_page &&
               selected_index (self) >= 0)
        n++;
    }
  return n;
}

/* The urgency is set on the assessment as soon as it is ticked; the rest
 * of the decision lives in the result page's widgets until saving. */
static gboolean
decision_changed (SillonAssessmentWizard *self)
{
  if (sillon_assessment_get_context (self->assessment, "urgent_procedure"))
    return TRUE;
  if (gtk_stack_get_visible_child (self->pages) != GTK_WIDGET (self->summary_page))
    return FALSE;
  return sillon_assessment_summary_decision_changed (self->summary_page);
}

gboolean
sillon_assessment_wizard_has_answers (SillonAssessmentWizard *self)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self), FALSE);

  if (self->assessment == NULL)
    return FALSE;
  return count_answers (self) > 0 || decision_changed (self);
}

/* Closes the question if it is shown, and completes the call that asked. */
static void
answer_discard_question (SillonAssessmentWizard *self,
                         gboolean discard)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->discard_task);

  if (self->discard_dialog != NULL)
    gtk_widget_destroy (self->discard_dialog);
  if (task != NULL && !g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, discard);
}

static void
on_discard_dialog_response (GtkDialog *dialog,
                            int response,
                            SillonAssessmentWizard *self)
{
  /* Escape, closing the dialog and Keep Editing all keep the work. */
  answer_discard_question (self, response == GTK_RESPONSE_ACCEPT);
}

void
sillon_assessment_wizard_ask_discard_async (SillonAssessmentWizard *self,
                                            const char *question,
                                            const char *discard_label,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *dialog;
  guint n;

  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));
  g_return_if_fail (question != NULL);
  g_return_if_fail (discard_label != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sillon_assessment_wizard_ask_discard_async);

  if (self->discard_task != NULL)
    {
      /* One question at a time: the one shown gets the answer. */
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "%s", _ ("Sillon is already asking whether to discard the assessment."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  n = self->assessment != NULL ? count_answers (self) : 0;
  if (n > 0)
    detail = g_strdup_printf (ngettext ("The %u answer given so far will be lost.",
                                        "The %u answers given so far will be lost.", n),
                              n);
  else
    detail = g_strdup (_ ("The decision you made on the result page will be lost."));
  {
    const SillonQuestionAnswer answers[] = {
      { _ ("_Keep Editing"), GTK_RESPONSE_CANCEL, NULL },
      { discard_label, GTK_RESPONSE_ACCEPT, "destructive-action" },
    };

    /* Enter, like Escape, keeps the work: discarding takes a deliberate choice. */
    dialog = sillon_question_dialog_new (GTK_WIDGET (self), question, detail, answers, G_N_ELEMENTS (answers),
                                         GTK_RESPONSE_CANCEL);
  }

  self->discard_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->discard_dialog);
  self->discard_task = g_steal_pointer (&task);
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
sillon_assessment_wizard_ask_discard_finish (SillonAssessmentWizard *self,
                                             GAsyncResult *result,
                                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sillon_assessment_wizard_ask_discard_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ── Life cycle ────────────────────────────────────────────────────────── */

/* The latest questionnaire and its rules, read once: they are data files
 * built into Sillon, the same for every assessment of the day. */
static gboolean
load_questionnaire (SillonAssessmentWizard *self,
                    GError **error)
{
  SillonQuestionnaire *questionnaire;

  if (self->registry == NULL)
    self->registry = sillon_questionnaire_registry_new_default ();
  questionnaire = sillon_questionnaire_registry_get_latest (self->registry, error);
  if (questionnaire == NULL)
    return FALSE;
  g_set_object (&self->questionnaire, questionnaire);
  if (self->rules == NULL)
    self->rules = sillon_orientation_rules_load (self->registry, sillon_orientation_rules_latest_version (), error);
  return self->rules != NULL;
}

/* The mediator chose: the quick form's questions, or all of them. */
static void
start_questions (SillonAssessmentWizard *self,
                 gboolean quick)
{
  g_autoptr (GError) error = NULL;

  if (self->assessment == NULL)
    return;
  if (quick && self->quick_form == NULL)
    {
      self->quick_form = sillon_quick_form_load (self->registry, &error);
      if (self->quick_form == NULL)
        {
          /* Translators: %s is the technical reason. */
          sillon_message_label_set_printf (self->choice_message, _ ("The quick assessment cannot be loaded: %s"),
                                           error->message);
          return;
        }
    }
  if (quick && sillon_quick_form_get_questionnaire (self->quick_form) != self->questionnaire)
    {
      sillon_message_label_set (self->choice_message,
                                _ ("The quick assessment does not belong to this questionnaire: choose the full assessment."));
      return;
    }
  sillon_message_label_set (self->choice_message, NULL);
  self->quick = quick;
  self->current = 0;
  show_question (self);
}

static void
show_choice (SillonAssessmentWizard *self)
{
  g_autofree char *full = NULL;

  full = g_strdup_printf (/* Translators: the full assessment's description; %u is its number of questions. */
                          ngettext ("All %u question of the questionnaire, about fifteen minutes: the most reliable result.",
                                    "All %u questions of the questionnaire, about fifteen minutes: the most reliable result.",
                                    n_items (self)),
                          n_items (self));
  gtk_label_set_text (self->full_description, full);
  /* A screen reader says the button's name and this, as for the quick one. */
  atk_object_set_description (gtk_widget_get_accessible (self->full_button), full);
  sillon_message_label_set (self->choice_message, NULL);
  gtk_stack_set_visible_child (self->pages, self->choice_page);
  update_actions (self);
  gtk_widget_grab_focus (self->quick_button);
}

gboolean
sillon_assessment_wizard_start (SillonAssessmentWizard *self,
                                gint64 beneficiary_id,
                                const char *person_name,
                                GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *about = NULL;
  SillonVaultSession *session;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self), FALSE);
  session = sillon_page_get_session (SILLON_PAGE (self));
  g_return_val_if_fail (session != NULL && sillon_page_get_store (SILLON_PAGE (self)) != NULL, FALSE);

  sillon_assessment_wizard_reset (self);
  if (!load_questionnaire (self, error))
    return FALSE;
  self->assessment = sillon_assessment_new (self->questionnaire);
  if (!sillon_assessment_set_date (self->assessment, today, NULL))
    g_warn_if_reached ();
  self->beneficiary_id = beneficiary_id;
  self->person_name = g_strdup (person_name);
  self->mediator_name = g_strdup (sillon_vault_session_get_mediator_name (session));
  self->current = 0;
  self->quick = FALSE;

  /* Translators: %s is the assessed person's name. */
  about = g_strdup_printf (_ ("Assessment of %s"), person_name);
  gtk_label_set_text (self->person_label, about);
  gtk_label_set_text (self->choice_person_label, about);
  gtk_expander_set_expanded (self->help_expander, FALSE);
  show_choice (self);
  return TRUE;
}

void
sillon_assessment_wizard_reset (SillonAssessmentWizard *self)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));

  answer_discard_question (self, FALSE);
  g_clear_object (&self->assessment);
  self->pending_choice = -1;
  g_clear_pointer (&self->person_name, g_free);
  g_clear_pointer (&self->mediator_name, g_free);
  if (self->answer_buttons != NULL)
    g_ptr_array_set_size (self->answer_buttons, 0);
  /* Answers are personal data: do not leave them in widgets either. */
  if (self->answers_box != NULL)
    {
      sillon_container_destroy_children (GTK_CONTAINER (self->answers_box));
      gtk_label_set_text (self->person_label, "");
      gtk_label_set_text (self->choice_person_label, "");
      sillon_assessment_summary_clear (self->summary_page);
      update_actions (self);
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

/* Locking keeps the answers given so far, in memory only, for when the
 * mediator unlocks again; nothing about the person stays on screen. */
static void
sillon_assessment_wizard_locked (SillonPage *page)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (page);

  /* A pending question about discarding counts as "keep editing". */
  answer_discard_question (self, FALSE);
  /* The question is rebuilt from the answers on resuming, with the
   * choice the mediator had made but not yet confirmed. */
  self->pending_choice = gtk_stack_get_visible_child (self->pages) == self->question_page ? selected_index (self) : -1;
  gtk_label_set_text (self->person_label, "");
  gtk_label_set_text (self->choice_person_label, "");
  sillon_container_destroy_children (GTK_CONTAINER (self->answers_box));
  g_ptr_array_set_size (self->answer_buttons, 0);
  update_actions (self);
}

void
sillon_assessment_wizard_resume (SillonAssessmentWizard *self)
{
  g_autofree char *about = NULL;

  g_return_if_fail (SILLON_IS_ASSESSMENT_WIZARD (self));
  g_return_if_fail (sillon_page_get_store (SILLON_PAGE (self)) != NULL);
  g_return_if_fail (self->assessment != NULL);

  /* Translators: %s is the assessed person's name. */
  about = g_strdup_printf (_ ("Assessment of %s"), self->person_name);
  gtk_label_set_text (self->person_label, about);
  gtk_label_set_text (self->choice_person_label, about);
  if (gtk_stack_get_visible_child (self->pages) == self->question_page)
    show_question (self);
  else if (gtk_stack_get_visible_child (self->pages) == self->choice_page)
    gtk_widget_grab_focus (self->quick_button);
  update_actions (self);
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
  answer_discard_question (self, FALSE);
  g_clear_object (&self->assessment);
  g_clear_object (&self->questionnaire);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->quick_form, sillon_quick_form_free);
  g_clear_object (&self->registry);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->answer_buttons, g_ptr_array_unref);
  G_OBJECT_CLASS (sillon_assessment_wizard_parent_class)->dispose (object);
}

/* Leaving the window (closing it, quitting) drops an assessment under way,
 * which lives in memory only: the mediator says so first. Asked while
 * locked too, when the answers wait in memory for the unlock. */
static void
on_leave_question_answered (GObject *source,
                            GAsyncResult *result,
                            gpointer user_data)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (source);
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  gboolean discard = sillon_assessment_wizard_ask_discard_finish (self, result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (discard)
    sillon_assessment_wizard_reset (self);
  g_task_return_boolean (task, discard);
}

static void
sillon_assessment_wizard_ask_leave_async (SillonPage *page,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  SillonAssessmentWizard *self = SILLON_ASSESSMENT_WIZARD (page);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, sillon_assessment_wizard_ask_leave_async);
  if (!sillon_assessment_wizard_has_answers (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  {
    GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

    if (GTK_IS_WINDOW (toplevel))
      gtk_window_present (GTK_WINDOW (toplevel));
  }
  sillon_assessment_wizard_ask_discard_async (self, _ ("Quit and discard this assessment?"), _ ("_Discard and Quit"),
                                              cancellable, on_leave_question_answered, g_steal_pointer (&task));
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
  SILLON_PAGE_CLASS (klass)->locked = sillon_assessment_wizard_locked;
  SILLON_PAGE_CLASS (klass)->ask_leave_async = sillon_assessment_wizard_ask_leave_async;

  /* The id of the stored assessment. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SILLON_TYPE_ASSESSMENT_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-assessment-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, pages);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, choice_page);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, choice_person_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, choice_message);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, quick_button);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, full_button);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, full_description);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_page);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, axis_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, person_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, position_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_content);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, help_expander);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, help_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, answers_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, question_message);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentWizard, summary_page);
}

static void
sillon_assessment_wizard_init (SillonAssessmentWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The question, its help and the answers scroll together; the answer
   * that takes the focus (digits, arrows) is scrolled into view. */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->question_content),
                                       gtk_scrolled_window_get_vadjustment (self->question_scroller));
  self->answer_buttons = g_ptr_array_new ();
  self->pending_choice = -1;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), wizard_actions,
                                   G_N_ELEMENTS (wizard_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "wizard", G_ACTION_GROUP (self->actions));
  update_actions (self);
}

SillonAssessmentWizard *
sillon_assessment_wizard_new (void)
{
  return g_object_new (SILLON_TYPE_ASSESSMENT_WIZARD, NULL);
}
