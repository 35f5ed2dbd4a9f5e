/* sillon-widget-util.h — small things several widgets do the same way
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-vocabulary.h"

G_BEGIN_DECLS

/* The window that holds @widget, to be a dialog's parent; NULL while the
 * widget is in no window. */
GtkWindow *sillon_widget_get_window (GtkWidget *widget);

/* What the mediator typed in @entry without the spaces around it, or NULL
 * when nothing is left: a field left blank is stored as no value. */
char *sillon_entry_dup_text (GtkEntry *entry);
/* The same for the whole text of @view (notes, what a person was told). */
char *sillon_text_view_dup_text (GtkTextView *view);

/* Names the list @combo opens, which a screen reader announces as a menu
 * of its own (GTK gives it no name): @name, or when NULL the combo box's
 * own accessible name. */
void sillon_combo_box_name_popup (GtkComboBox *combo,
                                  const char *name);

/* Appends the values of a national list (@enumeration of @vocabulary) to
 * @combo, each shown by its label in the interface's language and
 * identified by its API value. Nothing without a vocabulary. */
void sillon_combo_box_text_append_vocabulary (GtkComboBoxText *combo,
                                              SillonVocabulary *vocabulary,
                                              const char *enumeration);

/* Down (or keypad Down) in @entry, a search, moves the focus to the first
 * row @list shows (the row, or the first control in it when the row takes
 * no focus), so that the keyboard goes from what was typed to what it
 * found. Rows a filter hides are passed over. */
void sillon_search_entry_down_to_list (GtkEntry *entry,
                                       GtkListBox *list);

/* Destroys every child of @container, for a box or a grid filled again. */
void sillon_container_destroy_children (GtkContainer *container);

G_END_DECLS
