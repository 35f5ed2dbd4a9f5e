/* sillon-list-row.h — the rows of the desk's lists: a name and a line of details
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A row showing @title over @details (dimmed), both ellipsized, read by a
 * screen reader as "title, details"; @id (a record's id) is kept on it
 * under @key for the list's row-activated handler. */
GtkWidget *sillon_list_row_new (const char *title,
                                const char *details,
                                const char *key,
                                gint64 id);
/* The id kept on @row under @key, 0 if none. */
gint64 sillon_list_row_get_id (GtkListBoxRow *row,
                               const char *key);
/* Makes @row show @title, @details and @id, leaving alone what it already
 * shows. */
void sillon_list_row_set (GtkListBoxRow *row,
                          const char *title,
                          const char *details,
                          const char *key,
                          gint64 id);

/* Row @index of a list being filled: sets *@title and *@details (newly
 * allocated) and returns the record's id. */
typedef gint64 (*SillonListRowDescribe) (gpointer item,
                                         char **title,
                                         char **details,
                                         gpointer user_data);

/* Shows one row per item of @items (NULL: none) in @list, reusing the rows
 * already there. A keystroke in a search then costs the rows that change
 * rather than a list of new ones. Only the rows on screen are filled at
 * once; the others are filled in idle callbacks once the frame that shows
 * the result is painted, a few at a time, so that a key press is answered within a
 * frame even when a first letter brings 50 rows; a new call (or
 * sillon_list_box_clear()) drops what an earlier one left to fill, and
 * @items is kept (referenced) until then. The rows left over leave the
 * list, from the last, and are kept aside (not hidden: a hidden row still
 * counts as a list item for a screen reader) for the next longer list, so
 * that a screen reader reading the list is not left with rows that no
 * longer exist. */
void sillon_list_box_show (GtkListBox *list,
                           GPtrArray *items,
                           const char *key,
                           SillonListRowDescribe describe,
                           gpointer user_data);
/* Called on @list once the rows sillon_list_box_show() left to idle
 * callbacks are all filled (for the profile). */
typedef void (*SillonListBoxFilled) (GtkListBox *list,
                                     gpointer user_data);
void sillon_list_box_set_filled_func (GtkListBox *list,
                                      SillonListBoxFilled filled,
                                      gpointer user_data);

/* Destroys every row of @list (the placeholder stays), the rows
 * sillon_list_box_show() kept aside included, and drops what it had left
 * to fill: at the lock, nothing keeps the names the rows showed. */
void sillon_list_box_clear (GtkListBox *list);

G_END_DECLS
