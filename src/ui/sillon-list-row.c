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

/* Rows filled at once when the list has no size yet to tell how many
 * show: more than 1366×768 shows. */
#define FIRST_ROWS 15

/* Rows filled per idle callback after the first screenful: small enough
 * that a frame or a key press waiting behind it is not held up. */
#define ROWS_PER_IDLE 5

#define LIST_FILL_KEY "sillon-list-fill"

/* What sillon_list_box_show() keeps on a list between two calls. */
typedef struct
{
  GtkListBox *list; /* unowned: the fill lives on it */
  /* The items the rows from index next on do not show yet, filled in an
   * idle callback (source) after the first screenful is painted. */
  GPtrArray *items;
  guint next;
  guint source;
  /* Until the frame that shows the first screenful is painted: the clock
   * whose after-paint starts the idle callback. */
  GdkFrameClock *clock;
  gulong painted;
  char *key;
  SillonListRowDescribe describe;
  gpointer user_data;
  SillonListBoxFilled filled;
  gpointer filled_data;
  /* Rows a shorter list left over, kept for the next longer one (owned). */
  GPtrArray *spare_rows;
} ListFill;

static void
spare_row_free (GtkWidget *row)
{
  gtk_widget_destroy (row);
  g_object_unref (row);
}

static void
list_fill_cancel (ListFill *fill)
{
  if (fill->clock != NULL)
    g_clear_signal_handler (&fill->painted, fill->clock);
  g_clear_object (&fill->clock);
  g_clear_handle_id (&fill->source, g_source_remove);
  g_clear_pointer (&fill->items, g_ptr_array_unref);
  fill->next = 0;
}

/* Drops what is pending and destroys the rows kept aside, with the names
 * they held. */
static void
list_fill_drop (ListFill *fill)
{
  list_fill_cancel (fill);
  g_ptr_array_set_size (fill->spare_rows, 0);
}

static void
list_fill_free (ListFill *fill)
{
  list_fill_drop (fill);
  g_ptr_array_unref (fill->spare_rows);
  g_free (fill->key);
  g_free (fill);
}

static void
on_list_destroy (GtkWidget *list,
                 ListFill *fill)
{
  list_fill_drop (fill);
}

static ListFill *
list_fill_get (GtkListBox *list,
               gboolean create)
{
  ListFill *fill = g_object_get_data (G_OBJECT (list), LIST_FILL_KEY);

  if (fill != NULL || !create)
    return fill;
  fill = g_new0 (ListFill, 1);
  fill->list = list;
  fill->spare_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) spare_row_free);
  g_object_set_data_full (G_OBJECT (list), LIST_FILL_KEY, fill, (GDestroyNotify) list_fill_free);
  g_signal_connect (list, "destroy", G_CALLBACK (on_list_destroy), fill);
  return fill;
}

/* Shows item @index in the @index-th row: the row already there, else one
 * kept aside, else a new one. */
static void
fill_row (ListFill *fill,
          guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (fill->list, (int) index);
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  gint64 id = fill->describe (fill->items->pdata[index], &title, &details, fill->user_data);

  if (row != NULL)
    sillon_list_row_set (row, title, details, fill->key, id);
  else if (fill->spare_rows->len > 0)
    {
      g_autoptr (GtkWidget) spare = g_ptr_array_steal_index (fill->spare_rows, fill->spare_rows->len - 1);

      sillon_list_row_set (GTK_LIST_BOX_ROW (spare), title, details, fill->key, id);
      gtk_container_add (GTK_CONTAINER (fill->list), spare);
    }
  else
    gtk_container_add (GTK_CONTAINER (fill->list), sillon_list_row_new (title, details, fill->key, id));
}

/* How many rows the list shows at once, counted from the top of what its
 * scrolled window shows: those are filled before the frame that shows the
 * result, the others just after it. */
static guint
rows_on_screen (GtkListBox *list)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (list, 0);
  int row_height = first != NULL ? gtk_widget_get_allocated_height (GTK_WIDGET (first)) : 0;
  GtkAdjustment *adjustment;
  double bottom;

  if (scroller == NULL || row_height <= 1)
    return FIRST_ROWS;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (gtk_adjustment_get_page_size (adjustment) <= 1)
    return FIRST_ROWS;
  /* Scrolled down, the rows in view are further on. One more than fits,
   * for the row cut by the bottom edge, and one for rounding. */
  bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
  return (guint) (bottom / row_height) + 2;
}

static gboolean
fill_pending_rows (gpointer user_data)
{
  ListFill *fill = user_data;
  guint end = MIN (fill->next + ROWS_PER_IDLE, fill->items->len);

  for (; fill->next < end; fill->next++)
    fill_row (fill, fill->next);
  if (fill->next < fill->items->len)
    return G_SOURCE_CONTINUE;
  fill->source = 0;
  list_fill_cancel (fill);
  if (fill->filled != NULL)
    fill->filled (fill->list, fill->filled_data);
  return G_SOURCE_REMOVE;
}

static void
list_fill_start_idle (ListFill *fill)
{
  fill->source = g_idle_add (fill_pending_rows, fill);
  g_source_set_name_by_id (fill->source, "[sillon] fill a list");
}

static void
on_first_rows_painted (GdkFrameClock *clock,
                       ListFill *fill)
{
  g_clear_signal_handler (&fill->painted, clock);
  g_clear_object (&fill->clock);
  list_fill_start_idle (fill);
}

/* The rows below the first screenful are filled once the frame that shows
 * the result is painted, not before: GDK paints at most one frame per
 * refresh interval, so a search that follows another frame closely waits
 * for its own, and idle callbacks run meanwhile; rows filled then would be
 * laid out in that frame too, and delay it further. Without a frame clock
 * (the list not realized) nothing is painted: they are filled at once. */
static void
list_fill_after_frame (ListFill *fill)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fill->list));

  if (clock == NULL)
    {
      list_fill_start_idle (fill);
      return;
    }
  fill->clock = g_object_ref (clock);
  fill->painted = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_rows_painted), fill);
  /* A frame comes even if nothing on screen changed. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

void
sillon_list_box_show (GtkListBox *list,
                      GPtrArray *items,
                      const char *key,
                      SillonListRowDescribe describe,
                      gpointer user_data)
{
  ListFill *fill = list_fill_get (list, TRUE);
  g_autoptr (GList) rows = NULL;
  guint count = items != NULL ? items->len : 0;
  guint now = MIN (count, rows_on_screen (list));
  guint shown;

  list_fill_cancel (fill);
  if (g_strcmp0 (fill->key, key) != 0)
    {
      g_free (fill->key);
      fill->key = g_strdup (key);
    }
  fill->describe = describe;
  fill->user_data = user_data;
  if (count > 0)
    fill->items = g_ptr_array_ref (items);
  for (guint i = 0; i < now; i++)
    fill_row (fill, i);

  /* The rows past the screenful stay until their turn comes (moving them
   * out and back would cost more than the stale text they show for a few
   * frames). The rows left over leave the list now, from the last one, so
   * that the rows a screen reader may be reading keep their place. They are kept
   * aside (not destroyed: a screen reader may still hold them) for the
   * next longer list, which would otherwise make them again: the first
   * letter after an empty search needs 50. Not hidden in the list: a
   * hidden row still counts as a list item for a screen reader. */
  rows = gtk_container_get_children (GTK_CONTAINER (list));
  shown = g_list_length (rows);
  for (GList *rest = g_list_last (rows); shown > count; rest = rest->prev, shown--)
    {
      GtkWidget *row = rest->data;

      /* A selected row would come back drawn as selected. */
      gtk_list_box_unselect_row (list, GTK_LIST_BOX_ROW (row));
      g_ptr_array_add (fill->spare_rows, g_object_ref_sink (row));
      gtk_container_remove (GTK_CONTAINER (list), row);
      g_object_set_data (G_OBJECT (row), key, NULL);
    }

  if (now < count)
    {
      fill->next = now;
      list_fill_after_frame (fill);
    }
  else
    g_clear_pointer (&fill->items, g_ptr_array_unref);
}

void
sillon_list_box_set_filled_func (GtkListBox *list,
                                 SillonListBoxFilled filled,
                                 gpointer user_data)
{
  ListFill *fill = list_fill_get (list, TRUE);

  fill->filled = filled;
  fill->filled_data = user_data;
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
  ListFill *fill = list_fill_get (list, FALSE);

  if (fill != NULL)
    list_fill_drop (fill);

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}
