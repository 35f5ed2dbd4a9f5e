/* sillon-referral-status-dialog.c — what became of a referral
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-referral-status-dialog.h"

#include <glib/gi18n.h>

#include "sillon-date-entry.h"
#include "sillon-message-label.h"

struct _SillonReferralStatusDialog
{
  GtkDialog parent_instance;

  gint64 referral_id;

  GtkLabel *summary_label;
  GtkLabel *message_label;
  GtkToggleButton *issued_radio;
  GtkToggleButton *honoured_radio;
  GtkToggleButton *not_honoured_radio;
  GtkToggleButton *unknown_radio;
};

G_DEFINE_FINAL_TYPE (SillonReferralStatusDialog, sillon_referral_status_dialog, GTK_TYPE_DIALOG)

const char *
sillon_referral_status_describe (SillonReferralStatus status)
{
  switch (status)
    {
      case SILLON_REFERRAL_ISSUED:
        return _ ("issued, no news yet");
      case SILLON_REFERRAL_HONOURED:
        return _ ("honoured");
      case SILLON_REFERRAL_NOT_HONOURED:
        return _ ("not honoured");
      case SILLON_REFERRAL_UNKNOWN:
        return _ ("outcome unknown");
      default:
        g_return_val_if_reached (NULL);
    }
}

char *
sillon_referral_describe (const char *person, const char *place, const char *commune, const char *iso_date)
{
  g_autofree char *date = sillon_date_format (iso_date);
  g_autofree char *where = NULL;

  if (place == NULL)
    where = g_strdup (_ ("a place outside the directory"));
  else if (commune != NULL)
    /* Translators: a place and its commune. */
    where = g_strdup_printf (_ ("%1$s (%2$s)"), place, commune);
  else
    where = g_strdup (place);
  /* Translators: %1$s a person, %2$s the place they were referred to, %3$s the date. */
  return g_strdup_printf (_ ("%1$s referred to %2$s on %3$s"), person, where, date);
}

SillonReferralStatusDialog *
sillon_referral_status_dialog_new (GtkWindow *parent, gint64 referral_id, const char *summary, SillonReferralStatus status)
{
  SillonReferralStatusDialog *self = g_object_new (SILLON_TYPE_REFERRAL_STATUS_DIALOG, "use-header-bar", TRUE,
                                                   "transient-for", parent, NULL);
  GtkToggleButton *radio = self->issued_radio;

  self->referral_id = referral_id;
  gtk_label_set_text (self->summary_label, summary);
  if (status == SILLON_REFERRAL_HONOURED)
    radio = self->honoured_radio;
  else if (status == SILLON_REFERRAL_NOT_HONOURED)
    radio = self->not_honoured_radio;
  else if (status == SILLON_REFERRAL_UNKNOWN)
    radio = self->unknown_radio;
  gtk_toggle_button_set_active (radio, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (radio));
  return self;
}

SillonReferralStatus
sillon_referral_status_dialog_get_status (SillonReferralStatusDialog *self)
{
  g_return_val_if_fail (SILLON_IS_REFERRAL_STATUS_DIALOG (self), SILLON_REFERRAL_UNKNOWN);

  if (gtk_toggle_button_get_active (self->honoured_radio))
    return SILLON_REFERRAL_HONOURED;
  if (gtk_toggle_button_get_active (self->not_honoured_radio))
    return SILLON_REFERRAL_NOT_HONOURED;
  if (gtk_toggle_button_get_active (self->unknown_radio))
    return SILLON_REFERRAL_UNKNOWN;
  return SILLON_REFERRAL_ISSUED;
}

gboolean
sillon_referral_status_dialog_save (SillonReferralStatusDialog *self, SillonStore *store)
{
  g_autoptr (SillonReferral) r = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (SILLON_IS_REFERRAL_STATUS_DIALOG (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  /* Read again, so that only the status changes. */
  r = sillon_store_get_referral (store, self->referral_id, &error);
  if (r != NULL)
    r->status = sillon_referral_status_dialog_get_status (self);
  if (r == NULL || !sillon_store_update_referral (store, r, &error))
    {
      /* Translators: %s is the technical reason. */
      g_autofree char *text = g_strdup_printf (_ ("The follow-up was not saved: %s"), error->message);

      sillon_referral_status_dialog_show_error (self, text);
      return FALSE;
    }
  return TRUE;
}

void
sillon_referral_status_dialog_show_error (SillonReferralStatusDialog *self, const char *message)
{
  g_return_if_fail (SILLON_IS_REFERRAL_STATUS_DIALOG (self));

  sillon_message_label_set (self->message_label, message);
}

static void
sillon_referral_status_dialog_class_init (SillonReferralStatusDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-referral-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonReferralStatusDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralStatusDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralStatusDialog, issued_radio);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralStatusDialog, honoured_radio);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralStatusDialog, not_honoured_radio);
  gtk_widget_class_bind_template_child (widget_class, SillonReferralStatusDialog, unknown_radio);
}

static void
sillon_referral_status_dialog_init (SillonReferralStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
