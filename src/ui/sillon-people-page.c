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
#include "sillon-message-label.h"
#include "sillon-number-format.h"
#include "sillon-person-form.h"
#include "sillon-profile.h"
#include "sillon-status-page.h"

/* Enough to recognise someone; a longer list means the search should be
 * narrowed, not scrolled. */
#define MAX_RESULTS 50

/* Rows filled at once when the list has no size yet to tell how many
 * show: more than 1366×768 shows. */
#define FIRST_ROWS 15

/* Rows filled per idle callback after the first screenful: small enough
 * that a frame or a key press waiting behind it is not held up. */
#define ROWS_PER_IDLE 5

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
  /* The people of the last search the rows below the first screenful do
   * not show yet, from index pending_next, filled in an idle callback
   * (pending_source) started once the frame that shows the first
   * screenful is painted (pending_clock's after-paint, pending_paint). */
  GPtrArray *pending_people;
  guint pending_next;
  guint pending_source;
  GdkFrameClock *pending_clock;
  gulong pending_paint;
  gboolean pending_keep_same;
  /* Rows a shorter list left over, kept for the next longer one (owned). */
  GPtrArray *spare_rows;
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

/* A row of the list: a name and what tells namesakes apart. Rows are
 * updated in place rather than destroyed and made again at each key
 * press: a screen reader reading the list while the mediator types would
 * otherwise ask for rows that no longer exist (each destroyed row's
 * accessible then answers with GLib/ATK critical warnings), and could not
 * follow the search. */
static void
set_person_row (GtkWidget *row,
                const char *name,
                const char *details,
                gint64 id)
{
  GtkWidget *box = gtk_bin_get_child (GTK_BIN (row));
  g_autoptr (GList) labels = gtk_container_get_children (GTK_CONTAINER (box));
  g_autofree char *spoken = g_strdup_printf ("%s, %s", name, details);

  gtk_label_set_text (labels->data, name);
  gtk_label_set_text (labels->next->data, details);
  atk_object_set_name (gtk_widget_get_accessible (row), spoken);
  g_object_set_data_full (G_OBJECT (row), "beneficiary-id", g_memdup2 (&id, sizeof id), g_free);
}

static GtkWidget *
new_person_row (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (NULL);
  GtkWidget *details_label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (name_label), "sillon-person-name");
  gtk_label_set_xalign (GTK_LABEL (details_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details_label), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (details_label), "dim-label");
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_container_add (GTK_CONTAINER (box), name_label);
  gtk_container_add (GTK_CONTAINER (box), details_label);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);
  return row;
}

/* Shows @person in the @index-th row, made if the list is shorter. With
 * @keep_same, a row that already shows the right person is left as it is:
 * while the mediator types, nothing about a person changes, and most rows
 * of "mar" are those of "ma". */
static void
fill_row (SillonPeoplePage *self,
          SillonStore *store,
          guint index,
          const SillonBeneficiary *b,
          gboolean keep_same)
{
  GtkListBoxRow *existing = gtk_list_box_get_row_at_index (self->people_list, (int) index);
  GtkWidget *row = GTK_WIDGET (existing);
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;

  if (row != NULL)
    {
      gint64 *shown = g_object_get_data (G_OBJECT (row), "beneficiary-id");

      if (keep_same && shown != NULL && *shown == b->id)
        return;
    }
  else if (self->spare_rows->len > 0)
    {
      g_autoptr (GtkWidget) spare = g_ptr_array_steal_index (self->spare_rows, self->spare_rows->len - 1);

      row = spare;
      gtk_container_add (GTK_CONTAINER (self->people_list), row);
    }
  else
    {
      row = new_person_row ();
      gtk_container_add (GTK_CONTAINER (self->people_list), row);
    }
  name = sillon_beneficiary_dup_display_name (b);
  details = describe_person (self, store, b);
  set_person_row (row, name, details, b->id);
}

static void
spare_row_free (GtkWidget *row)
{
  gtk_widget_destroy (row);
  g_object_unref (row);
}

static void
cancel_pending_rows (SillonPeoplePage *self)
{
  if (self->pending_clock != NULL)
    g_clear_signal_handler (&self->pending_paint, self->pending_clock);
  g_clear_object (&self->pending_clock);
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending_people, g_ptr_array_unref);
  self->pending_next = 0;
}

/* How many rows the list shows at once: those are filled before the frame
 * that shows the result, the others just after it. */
static guint
rows_on_screen (SillonPeoplePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->list_scroller);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->people_list, 0);
  int row_height = first != NULL ? gtk_widget_get_allocated_height (GTK_WIDGET (first)) : 0;
  double page = gtk_adjustment_get_page_size (adjustment);

  if (row_height <= 1 || page <= 1)
    return FIRST_ROWS;
  /* One more than fits, for the row cut by the bottom edge, and one for
   * rounding. */
  return (guint) (page / row_height) + 2;
}

static gboolean
fill_pending_rows (gpointer user_data)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (user_data);
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  guint end;

  if (store == NULL)
    {
      /* Locked meanwhile: the page empties itself on its own. */
      self->pending_source = 0;
      cancel_pending_rows (self);
      return G_SOURCE_REMOVE;
    }
  end = MIN (self->pending_next + ROWS_PER_IDLE, self->pending_people->len);
  for (; self->pending_next < end; self->pending_next++)
    fill_row (self, store, self->pending_next, self->pending_people->pdata[self->pending_next],
              self->pending_keep_same);
  if (self->pending_next < self->pending_people->len)
    return G_SOURCE_CONTINUE;
  self->pending_source = 0;
  cancel_pending_rows (self);
  if (sillon_profile_enabled () && self->search_start_us != 0)
    g_printerr ("sillon-profile\tsearch-all-rows\t%.3f\n",
                (double) (g_get_monotonic_time () - self->search_start_us) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
start_filling_pending_rows (SillonPeoplePage *self)
{
  self->pending_source = g_idle_add (fill_pending_rows, self);
  g_source_set_name_by_id (self->pending_source, "[sillon] fill the people list");
}

static void
on_first_rows_painted (GdkFrameClock *clock,
                       SillonPeoplePage *self)
{
  g_clear_signal_handler (&self->pending_paint, clock);
  g_clear_object (&self->pending_clock);
  start_filling_pending_rows (self);
}

/* The rows below the first screenful are filled once the frame that shows
 * the result is painted, not before: GDK paints at most one frame per
 * refresh interval, so a search that follows another frame closely waits
 * for its own, and idle callbacks run meanwhile; rows filled then would be
 * laid out in that frame too, and delay it further. Without a frame clock
 * (the page not realized) nothing is painted: they are filled at once. */
static void
fill_pending_rows_after_frame (SillonPeoplePage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      start_filling_pending_rows (self);
      return;
    }
  self->pending_clock = g_object_ref (clock);
  self->pending_paint = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_rows_painted), self);
  /* A frame comes even if nothing on screen changed. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* Shows @people in the list, reusing the rows already there (see
 * fill_row()). Only the rows on screen are filled at once; the others are
 * filled in idle callbacks after the frame that shows the result is
 * painted, a few at a time, so that a key press is answered within a frame even when a
 * first letter brings 50 new people. A new search drops what an earlier
 * one left to fill. */
static void
show_people (SillonPeoplePage *self,
             SillonStore *store,
             GPtrArray *people,
             gboolean keep_same)
{
  g_autoptr (GList) rows = NULL;
  guint count = people != NULL ? people->len : 0;
  guint now = MIN (count, rows_on_screen (self));
  guint shown;

  cancel_pending_rows (self);
  for (guint i = 0; i < now; i++)
    fill_row (self, store, i, people->pdata[i], keep_same);

  /* The rows left over leave the list now, from the last one, so that the
   * rows a screen reader may be reading keep their place. They are kept
   * aside (not destroyed: a screen reader may still hold them) for the
   * next longer list, which would otherwise make them again: clearing a
   * search after a name with three matches needs 47 rows. Not hidden in
   * the list: a hidden row still counts as a list item for a screen
   * reader. At the lock they are destroyed, with the names they held. */
  rows = gtk_container_get_children (GTK_CONTAINER (self->people_list));
  shown = g_list_length (rows);
  if (shown > count)
    for (GList *rest = g_list_last (rows); shown > count; rest = rest->prev, shown--)
      {
        GtkWidget *row = rest->data;

        if (store == NULL)
          {
            gtk_widget_destroy (row);
            continue;
          }
        /* A selected row would come back drawn as selected. */
        gtk_list_box_unselect_row (self->people_list, GTK_LIST_BOX_ROW (row));
        g_ptr_array_add (self->spare_rows, g_object_ref_sink (row));
        gtk_container_remove (GTK_CONTAINER (self->people_list), row);
        g_object_set_data (G_OBJECT (row), "beneficiary-id", NULL);
      }
  if (store == NULL)
    g_ptr_array_set_size (self->spare_rows, 0);

  if (now < count)
    {
      self->pending_people = g_ptr_array_ref (people);
      self->pending_next = now;
      self->pending_keep_same = keep_same;
      fill_pending_rows_after_frame (self);
    }
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
  if (self->leave_question != NULL)
    {
      /* One question at a time: the one shown gets the answer. */
      gtk_window_present (GTK_WINDOW (self->leave_question));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "%s", _ ("Sillon is already asking whether to save the form."));
      return;
    }
  if (filled)
    {
      /* The same words as the person page's forms. */
      /* Translators: %s is the title of a form (“Log a Session”…). */
      g_autofree char *detail = g_strdup_printf (_ ("“%s” is open and not saved. If you leave without saving, what you entered is lost."),
                                                 _ ("New Person"));

      question = sillon_leave_question_new (GTK_WIDGET (self), _ ("Save before leaving?"), detail, _ ("_Discard"), TRUE);
    }
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

  cancel_pending_rows (self);
  g_clear_pointer (&self->draft, sillon_person_form_draft_free);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
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
  self->spare_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) spare_row_free);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), people_actions,
                                   G_N_ELEMENTS (people_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "people", G_ACTION_GROUP (self->actions));
  set_form_shown (self, FALSE);
  sillon_profile_watch_keys (GTK_WIDGET (self->search_entry));
}
