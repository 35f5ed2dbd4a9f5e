/* sillon-parcours-section.h — a trainee's parcours on their page
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PARCOURS_SECTION (sillon_parcours_section_get_type ())
G_DECLARE_FINAL_TYPE (SillonParcoursSection, sillon_parcours_section, SILLON, PARCOURS_SECTION, GtkBox)

/* Shows the planned steps of @beneficiary_id. Changes are written at once
 * through the store of the page the section sits in. */
gboolean sillon_parcours_section_load (SillonParcoursSection *self,
                                       SillonStore *store,
                                       gint64 beneficiary_id,
                                       GError **error);
/* Takes the steps off the screen (leaving the person, locking). */
void sillon_parcours_section_clear (SillonParcoursSection *self);

G_END_DECLS
