/* sillon-workshops-page.c — the workshops area: upcoming and past workshops
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Upcoming workshops come first, soonest first, because that is what a
 * mediator prepares; past ones follow, most recent first, for taking the
 * attendance afterwards or planning the next of a series. Only the most
 * recent past ones are shown at first, and "Show Older Workshops" adds
 * more: every row is a widget mapped and unmapped (and reported to the
 * accessibility bus) each time the area is shown or a workshop opens, so
 * a year of rows nobody looks at made opening a workshop slower.
 */

#include "config.h"

#include "sillon-workshops-page.h"

#include <glib/gi18n.h>

#include "sillon-date-entry.h"
#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-profile.h"

/* Past workshops shown at first: the last months of weekly workshops,
 * those whose attendance may still be taken. */
#define PAST_FIRST 20
/* Past workshops "Show Older Workshops" adds each time. */
#define PAST_MORE 50

struct _SillonWorkshopsPage
{
  SillonPage parent_instance;

  GtkWidget *new_button;
  GtkScrolledWindow *scrolled_window;
  GtkContainer *content_box;
  GtkLabel *message;
  GtkListBox *upcoming_list;
  GtkListBox *past_list;
  GtkWidget *past_more_box;
  GtkLabel *past_more_label;
  guint past_limit; /* how many past workshops are shown at most */
  char *shown;      /* what the lists show (describe()), NULL when empty */
};

G_DEFINE_FINAL_TYPE (SillonWorkshopsPage, sillon_workshops_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_WORKSHOP_ACTIVATED,
  SIGNAL_NEW_WORKSHOP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
sillon_workshop_dup_summary (SillonStore *store,
                             const SillonWorkshop *w)
{
  g_autofree char *date = sillon_date_entry_text (w->date);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint participants = w->attendees->len + w->anon[SILLON_ANON_TOTAL];

  g_ptr_array_add (parts, g_steal_pointer (&date));
  if (w->level != NULL)
    {
      const char *label = sillon_vocabulary_get_display_label (sillon_store_get_vocabulary (store), "NiveauAtelier", w->level, NULL);

      g_ptr_array_add (parts, g_strdup (label != NULL ? label : w->level));
    }
  /* Translators: a duration in minutes. */
  g_ptr_array_add (parts, g_strdup_printf (_ ("%u min"), w->duration_minutes));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants", participants),
                                           participants));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* What a row says: the title, then the summary, with the workshop's id:
 * the same text for the same list tells that nothing changed. */
static void
describe (GString *shown,
          SillonStore *store,
          const SillonWorkshop *w)
{
  g_autofree char *summary = sillon_workshop_dup_summary (store, w);

  g_string_append_printf (shown, "%" G_GINT64_FORMAT "\t%s\t%s\n", w->id, w->title, summary);
}

static void
add_row (GtkListBox *list,
         SillonStore *store,
         const SillonWorkshop *w)
{
  g_autofree char *summary = sillon_workshop_dup_summary (store, w);

  gtk_container_add (GTK_CONTAINER (list), sillon_list_row_new (w->title, summary, "workshop-id", w->id));
}

static void
clear_lists (SillonWorkshopsPage *self)
{
  g_clear_pointer (&self->shown, g_free);
  sillon_list_box_clear (self->upcoming_list);
  sillon_list_box_clear (self->past_list);
  gtk_widget_hide (self->past_more_box);
}

void
sillon_workshops_page_refresh (SillonWorkshopsPage *self)
{
  SillonStore *store;
  g_autoptr (GPtrArray) upcoming = NULL;
  g_autoptr (GPtrArray) past = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) shown = g_string_new (NULL);
  g_autofree char *today = sillon_date_today (0);
  g_autofree char *yesterday = sillon_date_today (-1);
  SillonProfileStart start = sillon_profile_start_now ();
  guint n_past = 0;

  g_return_if_fail (SILLON_IS_WORKSHOPS_PAGE (self));

  sillon_message_label_set (self->message, NULL);
  store = sillon_page_get_store (SILLON_PAGE (self));
  if (store == NULL)
    {
      clear_lists (self);
      /* The next mediator starts with the recent workshops only. */
      self->past_limit = PAST_FIRST;
      return;
    }

  upcoming = sillon_store_list_workshops (store, today, NULL, &error);
  /* Only the past workshops shown are read; the others are counted. */
  if (upcoming != NULL)
    past = sillon_store_list_workshops_before (store, yesterday, self->past_limit, &n_past, &error);
  if (upcoming == NULL || past == NULL)
    {
      clear_lists (self);
      /* Translators: %s is the technical reason. */
      sillon_message_label_set_printf (self->message, _ ("The workshops cannot be read: %s"), error->message);
      return;
    }
  for (guint i = 0; i < upcoming->len; i++)
    describe (shown, store, upcoming->pdata[i]);
  g_string_append_c (shown, '\n');
  for (guint i = 0; i < past->len; i++)
    describe (shown, store, past->pdata[i]);
  g_string_append_printf (shown, "%u", n_past);
  /* Coming back to the area with nothing changed keeps the rows (and the
   * mediator's place in them) instead of building them again. */
  if (g_strcmp0 (shown->str, self->shown) == 0)
    {
      sillon_profile_until_painted_cpu (GTK_WIDGET (self), "workshops-list", start.wall_us, start.cpu_us);
      return;
    }
  clear_lists (self);
  self->shown = g_string_free (g_steal_pointer (&shown), FALSE);

  /* The store lists the most recent first: the soonest upcoming last. */
  for (guint i = upcoming->len; i > 0; i--)
    add_row (self->upcoming_list, store, upcoming->pdata[i - 1]);
  for (guint i = 0; i < past->len; i++)
    add_row (self->past_list, store, past->pdata[i]);
  if (n_past > past->len)
    {
      guint older = n_past - past->len;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u older workshop", "and %u older workshops", older),
                                               older);

      gtk_label_set_text (self->past_more_label, text);
      gtk_widget_show (self->past_more_box);
    }
  sillon_profile_until_painted_cpu (GTK_WIDGET (self), "workshops-list", start.wall_us, start.cpu_us);
}

static void
sillon_workshops_page_switch_to (SillonPage *page)
{
  SillonWorkshopsPage *self = SILLON_WORKSHOPS_PAGE (page);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->upcoming_list, 0);

  sillon_workshops_page_refresh (self);
  first = gtk_list_box_get_row_at_index (self->upcoming_list, 0);
  if (first == NULL)
    first = gtk_list_box_get_row_at_index (self->past_list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  else
    gtk_widget_grab_focus (self->new_button);
}

static void
sillon_workshops_page_locked (SillonPage *page)
{
  sillon_workshops_page_refresh (SILLON_WORKSHOPS_PAGE (page));
}

static void
on_new_button_clicked (SillonWorkshopsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_NEW_WORKSHOP], 0);
}

/* Shows more past workshops and puts the focus on the first of them, so
 * that the keyboard goes on where the list stopped. */
static void
on_past_more_button_clicked (SillonWorkshopsPage *self)
{
  guint shown = self->past_limit;
  GtkListBoxRow *row;

  self->past_limit += PAST_MORE;
  sillon_workshops_page_refresh (self);
  row = gtk_list_box_get_row_at_index (self->past_list, (int) shown);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_list_row_activated (SillonWorkshopsPage *self,
                       GtkListBoxRow *row)
{
  gint64 id = sillon_list_row_get_id (row, "workshop-id");

  if (id != 0)
    g_signal_emit (self, signals[SIGNAL_WORKSHOP_ACTIVATED], 0, id);
}

static void
sillon_workshops_page_finalize (GObject *object)
{
  g_free (SILLON_WORKSHOPS_PAGE (object)->shown);
  G_OBJECT_CLASS (sillon_workshops_page_parent_class)->finalize (object);
}

static void
sillon_workshops_page_class_init (SillonWorkshopsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sillon_workshops_page_finalize;

  SILLON_PAGE_CLASS (klass)->switch_to = sillon_workshops_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_workshops_page_locked;

  /* The id of the workshop to open. */
  signals[SIGNAL_WORKSHOP_ACTIVATED] = g_signal_new ("workshop-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_NEW_WORKSHOP] = g_signal_new ("new-workshop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-workshops-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, message);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, past_more_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopsPage, past_more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_past_more_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated);
}

static void
sillon_workshops_page_init (SillonWorkshopsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->past_limit = PAST_FIRST;
  /* Tab and the arrows bring the focused row or button into view. */
  gtk_container_set_focus_vadjustment (self->content_box, gtk_scrolled_window_get_vadjustment (self->scrolled_window));
}
