/* sillon-number-format.h — counts as the user interface's language writes them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sillon_count_separator (const char *numeric_locale,
                                    const char *ui_language);

char *sillon_format_count (gint64 value) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
