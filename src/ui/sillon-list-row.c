/* sillon-list-row.c — the rows of the desk's lists: a name and a line of details
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-list-row.h"

static GtkWidget *
ellipsized_label (const char *text,
                  const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);
  return label;
}

GtkWidget *
sillon_list_row_new (const char *title,
                     const char *details,
                     const char *key,
                     gint64 id)
{
  g_autofree char *spoken = g_strdup_printf ("%s, %s", title, details);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_container_add (GTK_CONTAINER (box), ellipsized_label (title, "sillon-person-name"));
  gtk_container_add (GTK_CONTAINER (box), ellipsized_label (details, "dim-label"));
  gtk_container_add (GTK_CONTAINER (row), box);
  atk_object_set_name (gtk_widget_get_accessible (row), spoken);
  g_object_set_data_full (G_OBJECT (row), key, g_memdup2 (&id, sizeof id), g_free);
  gtk_widget_show_all (row);
  return row;
}

gint64
sillon_list_row_get_id (GtkListBoxRow *row,
                        const char *key)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), key) : NULL;

  return id != NULL ? *id : 0;
}

void
sillon_list_box_clear (GtkListBox *list)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (list));

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}
