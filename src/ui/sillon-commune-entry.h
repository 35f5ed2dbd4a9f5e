/* sillon-commune-entry.h — a commune typed by its name or postal code, kept by its code INSEE
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_COMMUNE_ENTRY (sillon_commune_entry_get_type ())
G_DECLARE_FINAL_TYPE (SillonCommuneEntry, sillon_commune_entry, SILLON, COMMUNE_ENTRY, GtkEntry)

GtkWidget *sillon_commune_entry_new (void);

/* Shows the commune of @code by its name ("Rennes (35)"); NULL or "" empties
 * the entry. A code the list does not know is shown as it is, and kept. */
void sillon_commune_entry_set_code (SillonCommuneEntry *self,
                                    const char *code);

/* The code INSEE of the commune chosen in the completions or set with
 * sillon_commune_entry_set_code(), NULL when the text was typed since. */
const char *sillon_commune_entry_get_code (SillonCommuneEntry *self);

/* The code INSEE of the commune in the entry: the one chosen in the
 * completions, else the only commune that the text names (a name, a postal
 * code, or a code INSEE). *@code is NULL when the entry is empty. FALSE with
 * a SILLON_COMMUNES_ERROR that says what a valid value looks like when the
 * text names no commune, or several. */
gboolean sillon_commune_entry_read (SillonCommuneEntry *self,
                                    char **code,
                                    GError **error);

G_END_DECLS
