/* sillon-chart-panel.c — one indicator of the dashboard: its heading, its
 * chart, and the same values as a table
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table view is for reading exact figures, copying them, and for
 * whoever finds a list easier than bars: the same values, one row per
 * category, one column per series.
 */

#include "config.h"

#include "sillon-chart-panel.h"

#include <glib/gi18n.h>

struct _SillonChartPanel
{
  GtkBox parent_instance;

  char *heading;
  char *category_heading;
  gboolean show_table;

  GtkLabel *heading_label;
  GtkStack *stack;
  SillonBarChart *chart;
  GtkTreeView *table;
};

G_DEFINE_FINAL_TYPE (SillonChartPanel, sillon_chart_panel, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_HEADING,
  PROP_CATEGORY_HEADING,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fill_table (SillonChartPanel *self,
            const SillonChartData *data)
{
  g_autoptr (GList) columns = gtk_tree_view_get_columns (self->table);
  g_autofree GType *types = NULL;
  g_autoptr (GtkListStore) store = NULL;
  guint n_columns;

  for (GList *l = columns; l != NULL; l = l->next)
    gtk_tree_view_remove_column (self->table, l->data);
  gtk_tree_view_set_model (self->table, NULL);
  if (data == NULL)
    return;

  n_columns = 1 + data->n_series;
  types = g_new (GType, n_columns);
  for (guint i = 0; i < n_columns; i++)
    types[i] = G_TYPE_STRING;
  store = gtk_list_store_newv ((gint) n_columns, types);
  for (guint row = 0; row < data->n_rows; row++)
    {
      GtkTreeIter iter;

      gtk_list_store_append (store, &iter);
      gtk_list_store_set (store, &iter, 0, data->names[row], -1);
      for (guint s = 0; s < data->n_series; s++)
        {
          g_autofree char *value = sillon_chart_format_value (sillon_chart_data_get (data, row, s));
          gtk_list_store_set (store, &iter, 1 + s, value, -1);
        }
    }

  for (guint i = 0; i < n_columns; i++)
    {
      GtkCellRenderer *renderer = gtk_cell_renderer_text_new ();
      const char *title = i == 0 ? self->category_heading : data->series[i - 1];
      GtkTreeViewColumn *column = gtk_tree_view_column_new_with_attributes (title, renderer, "text", i, NULL);

      if (i > 0)
        {
          /* Numbers line up on the right. */
          g_object_set (renderer, "xalign", 1.0f, NULL);
          gtk_tree_view_column_set_alignment (column, 1.0f);
        }
      else
        gtk_tree_view_column_set_expand (column, TRUE);
      gtk_tree_view_append_column (self->table, column);
    }
  gtk_tree_view_set_model (self->table, GTK_TREE_MODEL (store));
}

void
sillon_chart_panel_set_data (SillonChartPanel *self,
                             SillonChartData *data)
{
  g_return_if_fail (SILLON_IS_CHART_PANEL (self));

  fill_table (self, data);
  sillon_bar_chart_set_data (self->chart, data);
}

SillonBarChart *
sillon_chart_panel_get_chart (SillonChartPanel *self)
{
  g_return_val_if_fail (SILLON_IS_CHART_PANEL (self), NULL);
  return self->chart;
}

void
sillon_chart_panel_set_show_table (SillonChartPanel *self,
                                   gboolean show_table)
{
  g_return_if_fail (SILLON_IS_CHART_PANEL (self));

  show_table = !!show_table;
  if (self->show_table == show_table)
    return;
  self->show_table = show_table;
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

/* The heading names the chart and the table for screen readers too. */
static void
update_heading (SillonChartPanel *self)
{
  g_autofree char *table_name = NULL;

  gtk_label_set_text (self->heading_label, self->heading != NULL ? self->heading : "");
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->chart)), self->heading != NULL ? self->heading : "");
  /* Translators: the accessible name of a chart's table view; %s is the
   * chart's heading. */
  table_name = g_strdup_printf (_ ("%s, table"), self->heading != NULL ? self->heading : "");
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->table)), table_name);
}

static void
sillon_chart_panel_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  SillonChartPanel *self = SILLON_CHART_PANEL (object);

  switch (prop_id)
    {
      case PROP_HEADING:
        g_value_set_string (value, self->heading);
        break;
      case PROP_CATEGORY_HEADING:
        g_value_set_string (value, self->category_heading);
        break;
      case PROP_SHOW_TABLE:
        g_value_set_boolean (value, self->show_table);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_chart_panel_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  SillonChartPanel *self = SILLON_CHART_PANEL (object);

  switch (prop_id)
    {
      case PROP_HEADING:
        g_free (self->heading);
        self->heading = g_value_dup_string (value);
        update_heading (self);
        break;
      case PROP_CATEGORY_HEADING:
        g_free (self->category_heading);
        self->category_heading = g_value_dup_string (value);
        break;
      case PROP_SHOW_TABLE:
        sillon_chart_panel_set_show_table (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_chart_panel_finalize (GObject *object)
{
  SillonChartPanel *self = SILLON_CHART_PANEL (object);

  g_free (self->heading);
  g_free (self->category_heading);
  G_OBJECT_CLASS (sillon_chart_panel_parent_class)->finalize (object);
}

static void
sillon_chart_panel_class_init (SillonChartPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sillon_chart_panel_get_property;
  object_class->set_property = sillon_chart_panel_set_property;
  object_class->finalize = sillon_chart_panel_finalize;

  /* What the chart shows, as its heading and accessible name. */
  properties[PROP_HEADING] = g_param_spec_string ("heading", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The header of the table's first column ("Month"). */
  properties[PROP_CATEGORY_HEADING] = g_param_spec_string ("category-heading", NULL, NULL, NULL,
                                                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TABLE] = g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sillon_chart_panel_init (SillonChartPanel *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->heading_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading_label, 0);
  gtk_label_set_line_wrap (self->heading_label, TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->heading_label)), "sillon-heading");
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->heading_label));

  self->stack = GTK_STACK (gtk_stack_new ());
  /* Each view as tall as it needs: the page scrolls. */
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  self->chart = SILLON_BAR_CHART (sillon_bar_chart_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->chart), "chart");
  self->table = GTK_TREE_VIEW (gtk_tree_view_new ());
  gtk_tree_view_set_enable_search (self->table, FALSE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->table), "table");
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->stack));
  gtk_widget_show_all (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "chart");
}
