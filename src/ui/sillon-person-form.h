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
/* Whether anything is typed in a field (spaces aside). */
gboolean sillon_person_form_has_input (SillonPersonForm *self);
/* What Add Person does: checks the form, looks for duplicates and adds
 * the person. TRUE once added (after `added`); FALSE when the form says
 * what is wrong or shows a duplicate, and stays as it is. */
gboolean sillon_person_form_add (SillonPersonForm *self);

/* What is typed, as typed, for the form to show again later (after an
 * unlock): in memory only. */
typedef struct _SillonPersonFormDraft SillonPersonFormDraft;

/* NULL when nothing is typed. */
SillonPersonFormDraft *sillon_person_form_get_draft (SillonPersonForm *self);
/* Empties the form, then fills it with @draft. */
void sillon_person_form_set_draft (SillonPersonForm *self,
                                   const SillonPersonFormDraft *draft);
void sillon_person_form_draft_free (SillonPersonFormDraft *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonPersonFormDraft, sillon_person_form_draft_free)

/* A line that is no error (NULL hides it); the next clear hides it too. */
void sillon_person_form_set_notice (SillonPersonForm *self,
                                    const char *text);
/* The first field takes the focus, and Add Person is the default. */
void sillon_person_form_focus (SillonPersonForm *self);

G_END_DECLS
