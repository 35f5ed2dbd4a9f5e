/* sillon-places-page.h — the places area: the directory of places, searched and imported
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sillon-page.h"

G_BEGIN_DECLS

#define SILLON_TYPE_PLACES_PAGE (sillon_places_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonPlacesPage, sillon_places_page, SILLON, PLACES_PAGE, SillonPage)

/* Imports a file of the national standard into the page's session and
 * shows its validation report, as "Import a Directory…" does after the
 * file chooser. */
void sillon_places_page_import (SillonPlacesPage *self,
                                GFile *file);

G_END_DECLS
