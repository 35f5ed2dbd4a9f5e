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

static void
set_label (GtkLabel *label,
           const char *text)
{
  /* Setting the same text would still lay the row out again. */
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

void
sillon_list_row_set (GtkListBoxRow *row,
                     const char *title,
                     const char *details,
                     const char *key,
                     gint64 id)
{
  GtkWidget *box = gtk_bin_get_child (GTK_BIN (row));
  g_autoptr (GList) labels = gtk_container_get_children (GTK_CONTAINER (box));
  g_autofree char *spoken = g_strdup_printf ("%s, %s", title, details);

  set_label (labels->data, title);
  set_label (labels->next->data, details);
  if (g_strcmp0 (atk_object_get_name (gtk_widget_get_accessible (GTK_WIDGET (row))), spoken) != 0)
    atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (row)), spoken);
  if (sillon_list_row_get_id (row, key) != id)
    g_object_set_data_full (G_OBJECT (row), key, g_memdup2 (&id, sizeof id), g_free);
}

void
sillon_list_box_show (GtkListBox *list,
                      GPtrArray *items,
                      const char *key,
                      SillonListRowDescribe describe,
                      gpointer user_data)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (list));
  GList *l = rows;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *details = NULL;
      gint64 id = describe (items->pdata[i], &title, &details, user_data);

      if (l != NULL)
        {
          sillon_list_row_set (l->data, title, details, key, id);
          l = l->next;
        }
      else
        gtk_container_add (GTK_CONTAINER (list), sillon_list_row_new (title, details, key, id));
    }
  if (l == NULL)
    return;
  for (GList *rest = g_list_last (rows);; rest = rest->prev)
    {
      gboolean last = rest == l;

      gtk_widget_destroy (rest->data);
      if (last)
        break;
    }
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
