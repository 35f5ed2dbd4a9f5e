/* sillon-place-chooser.h — choose a place from the imported directory
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-store.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PLACE_CHOOSER (sillon_place_chooser_get_type ())
G_DECLARE_FINAL_TYPE (SillonPlaceChooser, sillon_place_chooser, SILLON, PLACE_CHOOSER, GtkBox)

/* The place chosen, 0 for none. */
gint64 sillon_place_chooser_get_place_id (SillonPlaceChooser *self);
/* Shows @place_id (0: none) of @store as the chosen place. */
gboolean sillon_place_chooser_set_place_id (SillonPlaceChooser *self,
                                            SillonStore *store,
                                            gint64 place_id,
                                            GError **error);
/* Forgets the place and the search (leaving the page, locking). */
void sillon_place_chooser_clear (SillonPlaceChooser *self);

G_END_DECLS
