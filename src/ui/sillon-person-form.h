/* sillon-person-form.h — the new-person form, which catches duplicates
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SILLON_TYPE_PERSON_FORM (sillon_person_form_get_type ())
G_DECLARE_FINAL_TYPE (SillonPersonForm, sillon_person_form, SILLON, PERSON_FORM, GtkBox)

/* The form for a new person, inside a SillonPage whose store it borrows.
 * Before adding, it looks for people already recorded who look the same
 * (sillon_store_find_duplicates()) and, if there are, says so and offers
 * to open the existing person instead; adding anyway takes a second,
 * explicit choice. Signals: `added` (gint64 id of the new person),
 * `open-existing` (gint64 id of the person already recorded). Its Cancel
 * button activates people.cancel-form. */
GtkWidget *sillon_person_form_new (void);

/* Empties every field and message. */
void sillon_person_form_clear (SillonPersonForm *self);
/* The first field takes the focus, and Add Person is the default. */
void sillon_person_form_focus (SillonPersonForm *self);

G_END_DECLS
