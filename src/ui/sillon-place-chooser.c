/* sillon-place-chooser.c — choose a place from the imported directory
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry over the places directory (name, commune, postal code or
 * service, as in the places area), a short list of what it finds, and the
 * place chosen with a button to remove it. With the keyboard: type, Enter
 * takes the first place found, Down reaches the others. The search borrows
 * the store of the page the chooser sits in, for the call at hand.
 */

#include "config.h"

#include "sillon-place-chooser.h"

#include <glib/gi18n.h>

#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-page.h"
#include "sillon-profile.h"

/* Enough to choose from while typing; more means typing on. */
#define MAX_RESULTS 8
#define ROW_KEY "sillon-place-id"

struct _SillonPlaceChooser
{
  GtkBox parent_instance;

  gint64 place_id;

  GtkLabel *chosen_label;
  GtkWidget *remove_button;
  GtkSearchEntry *search_entry;
  GtkListBox *result_list;
  GtkLabel *hint;
};

G_DEFINE_FINAL_TYPE (SillonPlaceChooser, sillon_place_chooser, GTK_TYPE_BOX)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "Médiathèque Jean Jaurès, 51100 Reims". */
static char *
place_text (const SillonPlaceRecord *p)
{
  const char *name = p->values[SILLON_PLACE_COL_NOM] != NULL ? p->values[SILLON_PLACE_COL_NOM] : "";
  const char *code = p->values[SILLON_PLACE_COL_CODE_POSTAL];
  const char *commune = p->values[SILLON_PLACE_COL_COMMUNE];

  if (commune == NULL)
    return g_strdup (name);
  /* Translators: a place of the directory: its name, postal code and commune. */
  return g_strdup_printf (_ ("%s, %s %s"), name, code != NULL ? code : "", commune);
}

static void
show_chosen (SillonPlaceChooser *self,
             const SillonPlaceRecord *p)
{
  g_autofree char *text = p != NULL ? place_text (p) : NULL;

  self->place_id = p != NULL ? p->id : 0;
  gtk_label_set_text (self->chosen_label, text != NULL ? text : _ ("No place from the directory"));
  gtk_widget_set_visible (self->remove_button, p != NULL);
  /* Translators: what the accessible label of the chosen place says. */
  {
    g_autofree char *spoken = text != NULL ? g_strdup_printf (_ ("Place chosen: %s"), text) : NULL;

    atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->chosen_label)),
                         spoken != NULL ? spoken : _ ("No place from the directory"));
  }
}

static gint64
describe_row (gpointer item,
              char **title,
              char **details,
              gpointer user_data)
{
  const SillonPlaceRecord *p = item;
  const char *code = p->values[SILLON_PLACE_COL_CODE_POSTAL];
  const char *commune = p->values[SILLON_PLACE_COL_COMMUNE];

  *title = g_strdup (p->values[SILLON_PLACE_COL_NOM] != NULL ? p->values[SILLON_PLACE_COL_NOM] : "");
  *details = g_strstrip (g_strdup_printf ("%s %s", code != NULL ? code : "", commune != NULL ? commune : ""));
  return p->id;
}

/* @keep_rows: the rows are kept aside for the next search's first letter;
 * otherwise destroyed (at the lock, nothing keeps the names they showed). */
static void
hide_results (SillonPlaceChooser *self,
              gboolean keep_rows)
{
  if (keep_rows)
    sillon_list_box_show (self->result_list, NULL, ROW_KEY, describe_row, NULL);
  else
    sillon_list_box_clear (self->result_list);
  gtk_widget_hide (GTK_WIDGET (self->result_list));
  sillon_message_label_set (self->hint, NULL);
}

/* Each change of the search is searched at once, not after
 * GtkSearchEntry's 150 ms pause: a key press shows its letter and the
 * places it finds in the same frame. */
static void
on_search_entry_changed (SillonPlaceChooser *self)
{
  SillonStore *store = sillon_page_get_store_of (GTK_WIDGET (self));
  g_autofree char *query = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (self->search_entry))));
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  SillonProfileStart start;

  sillon_profile_input_start (GTK_WIDGET (self->search_entry), &start);

  sillon_message_label_set (self->hint, NULL);
  if (store == NULL || query[0] == '\0')
    {
      hide_results (self, store != NULL);
      return;
    }
  found = sillon_store_search_places (store, query, MAX_RESULTS, &error);
  if (found == NULL)
    {
      hide_results (self, store != NULL);
      /* Translators: %s is the reason. */
      sillon_message_label_set_printf (self->hint, _ ("The places cannot be searched: %s"), error->message);
      return;
    }
  if (found->len == 0)
    {
      hide_results (self, store != NULL);
      sillon_message_label_set (self->hint,
                                _ ("No place of the directory matches. Try the commune’s name or part of the place’s name; the directory is imported in the Places area."));
      return;
    }
  /* The rows already there are shown again: a keystroke changes few. */
  sillon_list_box_show (self->result_list, found, ROW_KEY, describe_row, NULL);
  gtk_widget_show (GTK_WIDGET (self->result_list));
  sillon_profile_until_painted_from (GTK_WIDGET (self), "place-chooser-search", &start);
}

static void
choose (SillonPlaceChooser *self,
        gint64 place_id)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_place_chooser_set_place_id (self, sillon_page_get_store_of (GTK_WIDGET (self)), place_id, &error))
    {
      /* Translators: %s is the reason. */
      sillon_message_label_set_printf (self->hint, _ ("The place cannot be read: %s"), error->message);
      return;
    }
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  hide_results (self, TRUE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_result_list_row_activated (SillonPlaceChooser *self,
                              GtkListBoxRow *row)
{
  choose (self, sillon_list_row_get_id (row, ROW_KEY));
}

/* Enter takes the first place found (the list shows the search as typed). */
static void
on_search_entry_activate (SillonPlaceChooser *self)
{
  GtkListBoxRow *first;

  first = gtk_list_box_get_row_at_index (self->result_list, 0);
  if (first != NULL)
    choose (self, sillon_list_row_get_id (first, ROW_KEY));
}

static gboolean
on_search_entry_key_press_event (SillonPlaceChooser *self,
                                 GdkEventKey *event)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->result_list, 0);

  if ((event->keyval == GDK_KEY_Down || event->keyval == GDK_KEY_KP_Down) && first != NULL &&
      gtk_widget_get_visible (GTK_WIDGET (self->result_list)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_remove_button_clicked (SillonPlaceChooser *self)
{
  show_chosen (self, NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gint64
sillon_place_chooser_get_place_id (SillonPlaceChooser *self)
{
  g_return_val_if_fail (SILLON_IS_PLACE_CHOOSER (self), 0);

  return self->place_id;
}

gboolean
sillon_place_chooser_set_place_id (SillonPlaceChooser *self,
                                   SillonStore *store,
                                   gint64 place_id,
                                   GError **error)
{
  g_autoptr (SillonPlaceRecord) p = NULL;

  g_return_val_if_fail (SILLON_IS_PLACE_CHOOSER (self), FALSE);

  if (place_id != 0)
    {
      g_return_val_if_fail (store != NULL, FALSE);
      p = sillon_store_get_place (store, place_id, error);
      if (p == NULL)
        return FALSE;
    }
  show_chosen (self, p);
  return TRUE;
}

void
sillon_place_chooser_clear (SillonPlaceChooser *self)
{
  g_return_if_fail (SILLON_IS_PLACE_CHOOSER (self));

  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  hide_results (self, FALSE);
  show_chosen (self, NULL);
}

/* The label's mnemonic ("Pla_ce") leads to the search. */
static gboolean
sillon_place_chooser_mnemonic_activate (GtkWidget *widget,
                                        gboolean group_cycling)
{
  gtk_widget_grab_focus (GTK_WIDGET (SILLON_PLACE_CHOOSER (widget)->search_entry));
  return TRUE;
}

static void
sillon_place_chooser_class_init (SillonPlaceChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->mnemonic_activate = sillon_place_chooser_mnemonic_activate;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-place-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPlaceChooser, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPlaceChooser, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPlaceChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPlaceChooser, result_list);
  gtk_widget_class_bind_template_child (widget_class, SillonPlaceChooser, hint);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_key_press_event);
  gtk_widget_class_bind_template_callback (widget_class, on_result_list_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked);
}

static void
sillon_place_chooser_init (SillonPlaceChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sillon_profile_watch_keys (GTK_WIDGET (self->search_entry));
  show_chosen (self, NULL);
}
