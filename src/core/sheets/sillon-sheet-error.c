/* sillon-sheet-error.c — the errors of the printed sheets
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-sheet-error.h"

G_DEFINE_QUARK (sillon - sheet - error - quark, sillon_sheet_error)
