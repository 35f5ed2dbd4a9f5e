/* sillon-people-page.c — find or add a person
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-people-page.h"

#include <glib/gi18n.h>

#include "sillon-communes.h"
#include "sillon-date-format.h"
#include "sillon-leave-question.h"
#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-number-format.h"
#include "sillon-person-form.h"
#include "sillon-profile.h"
#include "sillon-status-page.h"

/* Enough to recognise someone; a longer list means the search should be
 * narrowed, not scrolled. */
#define MAX_RESULTS 50

struct _SillonPeoplePage
{
  SillonPage parent_instance;

  GtkSearchEntry *search_entry;
  GtkWidget *new_person_button;
  GtkRevealer *form_revealer;
  SillonPersonForm *person_form;
  GtkLabel *list_message;
  GtkListBox *people_list;
  GtkStack *list_stack;
  GtkScrolledWindow *list_scroller;
  GtkLabel *count_label;
  SillonStatusPage *empty_status;
  GSimpleActionGroup *actions;
  /* What the rows said of each person (beneficiary id → its name and
   * details, a NULL-terminated array)
   * since the list was last read afresh, said again without asking the
   * store while the mediator types on: nothing about a person changes
   * meanwhile, and most rows of "mar" are those of "ma". Emptied at each
   * refresh and at the lock. */
  GHashTable *described;
  /* When the last search began, for the profile's "search-all-rows". */
  gint64 search_start_us;
  /* The form was asked for: its first field takes the focus once it
   * shows. A widget the revealer has not shown yet must not have the
   * focus, or the key release of Ctrl+N goes to an unrealized widget. */
  gboolean focus_form_on_map;
  /* What the new person's form held when the vault locked, in memory only,
   * shown again after the unlock (NULL: nothing typed). */
  SillonPersonFormDraft *draft;
  /* The question before leaving the form, while it shows. */
  GtkWidget *leave_question;
};

G_DEFINE_FINAL_TYPE (SillonPeoplePage, sillon_people_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_PERSON_ACTIVATED,
  SIGNAL_LOG_SESSION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void clear_form (SillonPeoplePage *self);
static void hide_form (SillonPeoplePage *self);
static void set_form_shown (SillonPeoplePage *self,
                            gboolean shown);

char *
sillon_beneficiary_dup_display_name (const SillonBeneficiary *b)
{
  const char *first = b->first_name != NULL ? b->first_name : "";
  const char *last = b->last_name != NULL ? b->last_name : "";

  if (first[0] == '\0' && last[0] == '\0')
    /* Translators: a person recorded without a name; %lld is their number. */
    return g_strdup_printf (_ ("Anonymous person no. %lld"), (long long) b->id);
  if (first[0] == '\0' || last[0] == '\0')
    return g_strdup (first[0] != '\0' ? first : last);
  /* Translators: a full name: %1$s the first name, %2$s the last name. */
  return g_strdup_printf (_ ("%1$s %2$s"), first, last);
}

static char *
describe_person (SillonPeoplePage *self,
                 SillonStore *store,
                 const SillonBeneficiary *b)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (b->birth_year != 0)
    {
      const char *bracket = sillon_store_beneficiary_age_bracket (store, b, NULL, NULL);
      const char *label = bracket != NULL
                              ? sillon_vocabulary_get_display_label (sillon_store_get_vocabulary (store), "TrancheAge", bracket, NULL)
                              : NULL;

      if (label != NULL)
        /* Translators: %1$d is a birth year, %2$s an age bracket such as "60 to 69". */
        g_ptr_array_add (parts, g_strdup_printf (_ ("Born in %1$d (%2$s)"), b->birth_year, label));
      else
        /* Translators: %d is a birth year. */
        g_ptr_array_add (parts, g_strdup_printf (_ ("Born in %d"), b->birth_year));
    }
  else
    g_ptr_array_add (parts, g_strdup (_ ("Birth year unknown")));
  if (b->commune_insee != NULL && b->commune_insee[0] != '\0')
    {
      /* The commune's name; its code only if the list of communes cannot
       * be read or does not know it. */
      SillonCommunes *communes = sillon_communes_get_default (NULL);
      g_autofree char *where = communes != NULL ? sillon_communes_describe_code (communes, b->commune_insee) : NULL;

      if (where != NULL && g_strcmp0 (where, b->commune_insee) != 0)
        g_ptr_array_add (parts, g_steal_pointer (&where));
      else
        /* Translators: %s is the INSEE code of a commune. */
        g_ptr_array_add (parts, g_strdup_printf (_ ("commune %s"), b->commune_insee));
    }
  {
    g_autofree char *last = NULL;
    g_autofree char *shown = NULL;

    /* Namesakes are told apart by when they last came, too. A failed
     * lookup only leaves the date out: the row is still right. */
    if (sillon_store_get_last_session_date (store, b->id, &last, NULL) && last != NULL &&
        (shown = sillon_format_iso_date (last, SILLON_DATE_STYLE_SHORT, NULL)) != NULL)
      /* Translators: %s is a date in the UI's language. */
      g_ptr_array_add (parts, g_strdup_printf (_ ("last visit %s"), shown));
  }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* A row of the list: a name and what tells namesakes apart. */
static gint64
describe_row (gpointer item,
              char **title,
              char **details,
              gpointer user_data)
{
  SillonPeoplePage *self = user_data;
  const SillonBeneficiary *b = item;
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  char **known = g_hash_table_lookup (self->described, &b->id);

  if (known == NULL)
    {
      known = g_new0 (char *, 3);
      known[0] = sillon_beneficiary_dup_display_name (b);
      /* The list is cleared when the vault locks, before a row is filled. */
      known[1] = store != NULL ? describe_person (self, store, b) : g_strdup ("");
      g_hash_table_insert (self->described, g_memdup2 (&b->id, sizeof b->id), known);
    }
  *title = g_strdup (known[0]);
  *details = g_strdup (known[1]);
  return b->id;
}

static void
on_people_list_filled (GtkListBox *list,
                       gpointer user_data)
{
  SillonPeoplePage *self = user_data;

  if (sillon_profile_enabled () && self->search_start_us != 0)
    g_printerr ("sillon-profile\tsearch-all-rows\t%.3f\n",
                (double) (g_get_monotonic_time () - self->search_start_us) / 1000.0);
}

/* Shows @people in the list with sillon_list_box_show(): the rows are
 * updated in place rather than destroyed and made again at each key
 * press, since a screen reader reading the list while the mediator types
 * would otherwise ask for rows that no longer exist, and could not follow
 * the search; only the rows on screen are filled before the frame that
 * shows them. With @keep_same (a search typed on from the last one) a
 * person's row says again what it said before; otherwise the people are
 * described afresh. Without @store (the vault locked) the rows are
 * destroyed, with the names they held. */
static void
show_people (SillonPeoplePage *self,
             SillonStore *store,
             GPtrArray *people,
             gboolean keep_same)
{
  if (!keep_same)
    g_hash_table_remove_all (self->described);
  if (store == NULL)
    {
      sillon_list_box_clear (self->people_list);
      return;
    }
  sillon_list_box_show (self->people_list, people, "beneficiary-id", describe_row, self);
}

static gboolean
has_name (const SillonBeneficiary *b)
{
  return !b->anonymised && ((b->first_name != NULL && b->first_name[0] != '\0') ||
                            (b->last_name != NULL && b->last_name[0] != '\0'));
}

/* The list before any search: the people seen most recently (in a
 * session), then the others by name, the anonymous ones left out: nobody
 * looks for them by scrolling. */
static GPtrArray *
list_unfiltered (SillonStore *store,
                 GError **error)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_beneficiary_free);
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) recent = sillon_store_list_recent_beneficiaries (store, MAX_RESULTS * 2, error);
  g_autoptr (GPtrArray) by_name = NULL;

  if (recent == NULL)
    return NULL;
  for (guint i = 0; i < recent->len && shown->len < MAX_RESULTS; i++)
    {
      SillonBeneficiary *b = recent->pdata[i];

      if (!has_name (b))
        continue;
      g_hash_table_add (ids, g_memdup2 (&b->id, sizeof b->id));
      g_ptr_array_add (shown, g_ptr_array_steal_index (recent, i));
      i--;
    }
  if (shown->len >= MAX_RESULTS)
    return g_steal_pointer (&shown);

  by_name = sillon_store_list_beneficiaries (store, MAX_RESULTS * 2, 0, error);
  if (by_name == NULL)
    return NULL;
  for (guint i = 0; i < by_name->len && shown->len < MAX_RESULTS; i++)
    {
      SillonBeneficiary *b = by_name->pdata[i];

      if (!has_name (b) || g_hash_table_contains (ids, &b->id))
        continue;
      g_ptr_array_add (shown, g_ptr_array_steal_index (by_name, i));
      i--;
    }
  return g_steal_pointer (&shown);
}

static void
refresh_list (SillonPeoplePage *self,
              gboolean keep_same);

/* Read again from the store: after unlocking, coming back from a person,
 * adding one. */
void
sillon_people_page_refresh (SillonPeoplePage *self)
{
  g_return_if_fail (SILLON_IS_PEOPLE_PAGE (self));
  self->search_start_us = 0;
  refresh_list (self, FALSE);
}

static void
refresh_list (SillonPeoplePage *self,
              gboolean keep_same)
{
  const char *query = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folded = g_strstrip (g_strdup (query));
  g_autofree char *count = NULL;
  gboolean more = FALSE;
  gint64 total = 0;

  g_return_if_fail (SILLON_IS_PEOPLE_PAGE (self));

  sillon_message_label_set (self->list_message, NULL);
  /* A new search starts at the top of the list. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scroller), 0);
  if (store == NULL)
    {
      sillon_message_label_set (self->count_label, NULL);
      /* The stack stays as it is: the window is about to fade from this
       * page to the lock screen, and GTK snapshots the page for that
       * without allocating it again. */
      show_people (self, NULL, NULL, FALSE);
      return;
    }

  if (folded[0] == '\0')
    {
      found = list_unfiltered (store, &error);
      total = found != NULL ? sillon_store_count_beneficiaries (store, &error) : 0;
    }
  else
    {
      /* One more than shown tells whether there are others. */
      found = sillon_store_search_beneficiaries (store, folded, MAX_RESULTS + 1, &error);
      if (found != NULL && found->len > MAX_RESULTS)
        {
          more = TRUE;
          g_ptr_array_set_size (found, MAX_RESULTS);
        }
    }
  if (found == NULL || total < 0)
    {
      show_people (self, NULL, NULL, FALSE);
      sillon_message_label_set (self->count_label, NULL);
      sillon_message_label_set (self->list_message, error->message);
      return;
    }

  if (folded[0] == '\0')
    {
      sillon_status_page_set_title (self->empty_status, _ ("Nobody Recorded Yet"));
      sillon_status_page_set_description (self->empty_status, _ ("Add the first person you help: a name is enough, the rest can wait."));
      if ((gint64) found->len < total)
        {
          /* Tens of thousands in a large structure: grouped digits. */
          g_autofree char *recorded = sillon_format_count (total);

          /* Translators: %1$u people shown out of %2$s recorded in the
           * vault (a count already written with its digits grouped). */
          count = g_strdup_printf (ngettext ("%1$u of %2$s person, seen most recently first. Search to find the others.",
                                             "%1$u of %2$s people, seen most recently first. Search to find the others.", (gulong) total),
                                   found->len, recorded);
        }
    }
  else
    {
      sillon_status_page_set_title (self->empty_status, _ ("Nobody Found"));
      sillon_status_page_set_description (self->empty_status, _ ("Check the spelling, try the last name alone, or add the person."));
      if (more)
        /* Translators: %u is the number of people shown. */
        count = g_strdup_printf (_ ("More than %u people match: only the first %u are shown. Refine your search, for example with the first name."),
                                 MAX_RESULTS, MAX_RESULTS);
      else if (found->len > 0)
        /* Translators: %u is the number of people found. */
        count = g_strdup_printf (ngettext ("%u person found", "%u people found", found->len), found->len);
    }
  /* Set once, not hidden first: hiding and showing it again at each key
   * press had GTK lay the whole window out again. */
  sillon_message_label_set (self->count_label, count);
  show_people (self, store, found, keep_same);
  gtk_stack_set_visible_child_name (self->list_stack, found->len > 0 ? "list" : "empty");
}

static gboolean
form_shown (SillonPeoplePage *self)
{
  return gtk_revealer_get_reveal_child (self->form_revealer);
}

/* The new person's form as it was when the vault locked, if it was kept
 * and the vault is open again. */
static gboolean
put_back_draft (SillonPeoplePage *self)
{
  g_autoptr (SillonPersonFormDraft) draft = NULL;

  if (self->draft == NULL || sillon_page_get_store (SILLON_PAGE (self)) == NULL)
    return FALSE;
  draft = g_steal_pointer (&self->draft);
  sillon_people_page_show_new_person_form (self);
  sillon_person_form_set_draft (self->person_form, draft);
  sillon_person_form_set_notice (self->person_form,
                                 _ ("What you typed before the vault locked is back. It is not saved yet."));
  return TRUE;
}

/* The list is read again each time the page is shown: after unlocking,
 * and when coming back from a person who may have changed. The new
 * person's form, if it shows (or comes back after a lock), keeps the
 * focus. */
static void
sillon_people_page_switch_to (SillonPage *page)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (page);

  sillon_people_page_refresh (self);
  /* An assessment the lock interrupted shows first after the unlock, and
   * the form kept meanwhile comes back when the people show again. */
  put_back_draft (self);
  if (form_shown (self))
    sillon_person_form_focus (self->person_form);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Nobody's name stays behind the lock page, not even in the search. The
 * automatic lock neither asks nor waits: what the new person's form holds
 * leaves the widgets but is kept in memory for the unlock, as the session
 * form and a workshop are. */
static void
sillon_people_page_locked (SillonPage *page)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (page);

  /* A form kept over an earlier lock and not shown since stays kept. */
  if (form_shown (self))
    {
      g_clear_pointer (&self->draft, sillon_person_form_draft_free);
      self->draft = sillon_person_form_get_draft (self->person_form);
    }
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  clear_form (self);
  set_form_shown (self, FALSE);
  sillon_people_page_refresh (self);
}

/* Just unlocked: the new person's form as it was when the vault locked. */
static gboolean
sillon_people_page_resume (SillonPage *page,
                           GError **error)
{
  return put_back_draft (SILLON_PEOPLE_PAGE (page));
}

/* ── Leaving with the new person's form filled in ──────────────────────── */

static void
on_leave_question_response (GtkDialog *question,
                            int response,
                            gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SillonPeoplePage *self = g_task_get_source_object (task);
  gboolean leave = FALSE;

  gtk_widget_destroy (GTK_WIDGET (question));
  if (response == SILLON_LEAVE_QUESTION_DISCARD)
    {
      g_clear_pointer (&self->draft, sillon_person_form_draft_free);
      if (form_shown (self))
        hide_form (self);
      leave = TRUE;
    }
  else if (response == SILLON_LEAVE_QUESTION_SAVE && form_shown (self))
    /* The form's own Add: it adds, or says what is wrong (or shows the
     * person already recorded) and stays, and so does the window. */
    leave = sillon_person_form_add (self->person_form);
  g_task_return_boolean (task, leave);
}

static void
sillon_people_page_ask_leave_async (SillonPage *page,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (page);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean filled = sillon_page_get_store (page) != NULL && form_shown (self) &&
                    sillon_person_form_has_input (self->person_form);
  GtkWidget *question;

  g_task_set_source_tag (task, sillon_people_page_ask_leave_async);
  if (!filled && self->draft == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (sillon_page_return_if_asking (task, self->leave_question))
    return;
  if (filled)
    question = sillon_leave_question_new_for_form (GTK_WIDGET (self), _ ("New Person"));
  else
    /* Locked: the form kept for the unlock cannot be saved from here. */
    question = sillon_leave_question_new (GTK_WIDGET (self), _ ("Quit and discard the new person not added?"),
                                          _ ("The new person was not added when the vault locked: what you typed is "
                                             "kept until the vault is unlocked. If you quit now, it is lost."),
                                          _ ("_Discard and Quit"), FALSE);
  self->leave_question = question;
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &self->leave_question);
  g_signal_connect (question, "response", G_CALLBACK (on_leave_question_response), g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (question));
}

static void
clear_form (SillonPeoplePage *self)
{
  sillon_person_form_clear (self->person_form);
}

/* people.cancel-form (Escape) applies only while the form shows, so that
 * Escape keeps clearing the search otherwise. */
static void
set_form_shown (SillonPeoplePage *self,
                gboolean shown)
{
  GAction *cancel = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "cancel-form");

  gtk_revealer_set_reveal_child (self->form_revealer, shown);
  if (!shown)
    self->focus_form_on_map = FALSE;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (cancel), shown);
}

void
sillon_people_page_show_new_person_form (SillonPeoplePage *self)
{
  g_return_if_fail (SILLON_IS_PEOPLE_PAGE (self));

  clear_form (self);
  set_form_shown (self, TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->person_form)))
    sillon_person_form_focus (self->person_form);
  else
    self->focus_form_on_map = TRUE;
}

static void
on_person_form_map (SillonPeoplePage *self)
{
  if (!self->focus_form_on_map)
    return;
  self->focus_form_on_map = FALSE;
  sillon_person_form_focus (self->person_form);
}

static void
hide_form (SillonPeoplePage *self)
{
  /* The focus leaves the form before the revealer hides it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  clear_form (self);
  set_form_shown (self, FALSE);
}

/* people.new-person: the New Person button and Ctrl+N. */
static void
on_new_person_activated (GSimpleAction *action,
                         GVariant *parameter,
                         gpointer user_data)
{
  sillon_people_page_show_new_person_form (SILLON_PEOPLE_PAGE (user_data));
}

/* people.cancel-form: the form's Cancel button and Escape. */
static void
on_cancel_form_activated (GSimpleAction *action,
                          GVariant *parameter,
                          gpointer user_data)
{
  hide_form (SILLON_PEOPLE_PAGE (user_data));
}

/* The person a command of the list applies to: the selected row, else the
 * row with the focus, else (typing in the search) the first row found, as
 * Enter would open it. 0 when there is none. */
static gint64
chosen_person (SillonPeoplePage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->people_list);
  GtkWidget *focus = gtk_container_get_focus_child (GTK_CONTAINER (self->people_list));
  gint64 *id;

  if (row == NULL && GTK_IS_LIST_BOX_ROW (focus))
    row = GTK_LIST_BOX_ROW (focus);
  if (row == NULL && gtk_widget_has_focus (GTK_WIDGET (self->search_entry)))
    row = gtk_list_box_get_row_at_index (self->people_list, 0);
  id = row != NULL && gtk_widget_get_visible (GTK_WIDGET (row)) ? g_object_get_data (G_OBJECT (row), "beneficiary-id") : NULL;
  return id != NULL ? *id : 0;
}

/* people.log-session (Ctrl+Shift+N): a session for the person chosen in
 * the list, without opening their page first. */
static void
on_log_session_activated (GSimpleAction *action,
                          GVariant *parameter,
                          gpointer user_data)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (user_data);
  gint64 id = chosen_person (self);

  if (id == 0)
    {
      sillon_message_label_set (self->list_message, _ ("Choose a person in the list first: their session is logged on their page."));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_LOG_SESSION], 0, id);
}

static const GActionEntry people_actions[] = {
  { "new-person", on_new_person_activated, NULL, NULL, NULL, { 0 } },
  { "log-session", on_log_session_activated, NULL, NULL, NULL, { 0 } },
  { "cancel-form", on_cancel_form_activated, NULL, NULL, NULL, { 0 } },
};

static void
on_person_form_added (SillonPeoplePage *self,
                      gint64 id)
{
  hide_form (self);
  sillon_people_page_refresh (self);
  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, id);
}

/* The person was already recorded: their page, not a second record. */
static void
on_person_form_open_existing (SillonPeoplePage *self,
                              gint64 id)
{
  hide_form (self);
  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, id);
}

/* Each change of the search is searched at once, not after
 * GtkSearchEntry's 150 ms pause (its search-changed): a key press then
 * shows its letter and the people it finds in the same frame. A search
 * costs a few milliseconds, less than a key press takes to follow the
 * last one. */
static void
on_search_entry_changed (SillonPeoplePage *self)
{
  SillonProfileStart start;

  sillon_profile_input_start (GTK_WIDGET (self->search_entry), &start);
  refresh_list (self, TRUE);
  sillon_profile_until_painted_from (GTK_WIDGET (self), "search", &start);
  self->search_start_us = start.wall_us;
}

/* Escape in the search clears it. */
static void
on_search_entry_stop_search (SillonPeoplePage *self)
{
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
}

/* Enter in the search opens the first person found. */
static void
on_search_entry_activate (SillonPeoplePage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->people_list, 0);

  if (row != NULL)
    g_signal_emit_by_name (self->people_list, "row-activated", row);
}

static void
on_people_list_row_activated (SillonPeoplePage *self,
                              GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "beneficiary-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, *id);
}

static void
sillon_people_page_dispose (GObject *object)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (object);

  /* Nothing left to fill calls back into the page. */
  if (self->people_list != NULL)
    sillon_list_box_clear (self->people_list);
  g_clear_pointer (&self->described, g_hash_table_unref);
  g_clear_pointer (&self->draft, sillon_person_form_draft_free);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (sillon_people_page_parent_class)->dispose (object);
}

static void
sillon_people_page_class_init (SillonPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SILLON_TYPE_STATUS_PAGE);
  g_type_ensure (SILLON_TYPE_PERSON_FORM);
  object_class->dispose = sillon_people_page_dispose;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_people_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_people_page_locked;
  SILLON_PAGE_CLASS (klass)->resume = sillon_people_page_resume;
  SILLON_PAGE_CLASS (klass)->ask_leave_async = sillon_people_page_ask_leave_async;

  /* The beneficiary id of the chosen (or just added) person. */
  signals[SIGNAL_PERSON_ACTIVATED] = g_signal_new ("person-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The beneficiary id of the person to log a session for. */
  signals[SIGNAL_LOG_SESSION] = g_signal_new ("log-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, new_person_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, person_form);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, list_message);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, empty_status);
  gtk_widget_class_bind_template_callback (widget_class, on_person_form_map);
  gtk_widget_class_bind_template_callback (widget_class, on_person_form_added);
  gtk_widget_class_bind_template_callback (widget_class, on_person_form_open_existing);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_people_list_row_activated);
}

static gpointer
load_communes_in_thread (gpointer data)
{
  sillon_communes_get_default (NULL);
  return NULL;
}

static void
sillon_people_page_init (SillonPeoplePage *self)
{
  static gsize communes_started = 0;

  /* The rows name each person's commune: the built-in list of communes
   * (tens of milliseconds to read and index) is read in a thread while
   * the lock screen waits for the passphrase and derives the key, rather
   * than on the main thread by the first list after unlocking.
   * sillon_communes_get_default() is thread-safe: a row that needs the
   * list first waits for the thread instead of reading it twice. */
  if (g_once_init_enter (&communes_started))
    {
      g_thread_unref (g_thread_new ("sillon-communes", load_communes_in_thread, NULL));
      g_once_init_leave (&communes_started, 1);
    }

  gtk_widget_init_template (GTK_WIDGET (self));
  self->described = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_strfreev);
  sillon_list_box_set_filled_func (self->people_list, on_people_list_filled, self);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), people_actions,
                                   G_N_ELEMENTS (people_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "people", G_ACTION_GROUP (self->actions));
  set_form_shown (self, FALSE);
  sillon_profile_watch_keys (GTK_WIDGET (self->search_entry));
}
