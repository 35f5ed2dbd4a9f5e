/* sillon-version.h — the one version string every executable reports
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sillon_version (void);
char *sillon_version_describe (void);

G_END_DECLS
