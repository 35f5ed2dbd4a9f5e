/* sillon-widget-util.c — small things several widgets do the same way
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-widget-util.h"

GtkWindow *
sillon_widget_get_window (GtkWidget *widget)
{
  GtkWidget *toplevel;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  toplevel = gtk_widget_get_toplevel (widget);
  return GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
}

char *
sillon_entry_dup_text (GtkEntry *entry)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

char *
sillon_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

void
sillon_combo_box_name_popup (GtkComboBox *combo,
                             const char *name)
{
  AtkObject *popup;

  g_return_if_fail (GTK_IS_COMBO_BOX (combo));

  popup = gtk_combo_box_get_popup_accessible (combo);
  if (popup == NULL)
    return;
  if (name == NULL)
    name = atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (combo)));
  atk_object_set_name (popup, name);
}

void
sillon_combo_box_text_append_vocabulary (GtkComboBoxText *combo,
                                         SillonVocabulary *vocabulary,
                                         const char *enumeration)
{
  const SillonVocabularyValue *values;
  gsize n = 0;

  g_return_if_fail (GTK_IS_COMBO_BOX_TEXT (combo));
  g_return_if_fail (enumeration != NULL);

  if (vocabulary == NULL)
    return;
  values = sillon_vocabulary_get_values (vocabulary, enumeration, &n, NULL);
  for (gsize i = 0; values != NULL && i < n; i++)
    gtk_combo_box_text_append (combo, values[i].api,
                               sillon_vocabulary_get_display_label (vocabulary, enumeration, values[i].api, NULL));
}

static gboolean
on_search_entry_key_press (GtkEntry *entry,
                           GdkEventKey *event,
                           GtkListBox *list)
{
  g_autoptr (GList) rows = NULL;

  if (event->keyval != GDK_KEY_Down && event->keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  if ((event->state & gtk_accelerator_get_default_mod_mask ()) != 0 || !gtk_widget_is_drawable (GTK_WIDGET (list)))
    return GDK_EVENT_PROPAGATE;
  rows = gtk_container_get_children (GTK_CONTAINER (list));
  for (GList *l = rows; l != NULL; l = l->next)
    {
      GtkWidget *row = l->data;
      GtkWidget *child = GTK_IS_BIN (row) ? gtk_bin_get_child (GTK_BIN (row)) : NULL;

      if (!GTK_IS_LIST_BOX_ROW (row) || !gtk_widget_get_visible (row) || !gtk_widget_get_child_visible (row))
        continue;
      /* A row that takes no focus passes it to what it holds (a check
       * button); GtkListBoxRow's own focus would try the row itself. */
      if (gtk_widget_get_can_focus (row))
        gtk_widget_grab_focus (row);
      else if (child == NULL || !gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
        continue;
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

void
sillon_search_entry_down_to_list (GtkEntry *entry,
                                  GtkListBox *list)
{
  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (GTK_IS_LIST_BOX (list));

  g_signal_connect_object (entry, "key-press-event", G_CALLBACK (on_search_entry_key_press), list, 0);
}

void
sillon_container_destroy_children (GtkContainer *container)
{
  g_autoptr (GList) children = NULL;

  g_return_if_fail (GTK_IS_CONTAINER (container));

  children = gtk_container_get_children (container);
  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}
