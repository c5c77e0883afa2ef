/* bo-print-doc.c — a piece of paper before it meets a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-doc.h"

struct _BoPrintDoc
{
  GObject        parent_instance;

  BoPrintDocKind kind;
  char          *title;
  GArray        *blocks; /* BoPrintBlock */
};

G_DEFINE_FINAL_TYPE (BoPrintDoc, bo_print_doc, G_TYPE_OBJECT)

static void
block_clear (gpointer data)
{
  BoPrintBlock *block = data;

  g_clear_pointer (&block->text, g_free);
  g_clear_pointer (&block->right, g_free);
}

static BoPrintBlock *
append_block (BoPrintDoc      *self,
              BoPrintBlockKind kind)
{
  BoPrintBlock block = { .kind = kind };

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, BoPrintBlock, self->blocks->len - 1);
}

static void
bo_print_doc_finalize (GObject *object)
{
  BoPrintDoc *self = BO_PRINT_DOC (object);

  g_free (self->title);
  g_clear_pointer (&self->blocks, g_array_unref);
  G_OBJECT_CLASS (bo_print_doc_parent_class)->finalize (object);
}

static void
bo_print_doc_class_init (BoPrintDocClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_print_doc_finalize;
}

static void
bo_print_doc_init (BoPrintDoc *self)
{
  self->blocks = g_array_sized_new (FALSE, TRUE, sizeof (BoPrintBlock), 64);
  g_array_set_clear_func (self->blocks, block_clear);
}

BoPrintDoc *
bo_print_doc_new (BoPrintDocKind kind)
{
  BoPrintDoc *self = g_object_new (BO_TYPE_PRINT_DOC, NULL);

  self->kind = kind;
  return self;
}

BoPrintDocKind
bo_print_doc_get_kind (BoPrintDoc *self)
{
  g_return_val_if_fail (BO_IS_PRINT_DOC (self), BO_PRINT_DOC_REPORT);
  return self->kind;
}

const char *
bo_print_doc_get_title (BoPrintDoc *self)
{
  g_return_val_if_fail (BO_IS_PRINT_DOC (self), NULL);
  return self->title;
}

void
bo_print_doc_set_title (BoPrintDoc *self,
                        const char *title)
{
  g_return_if_fail (BO_IS_PRINT_DOC (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

void
bo_print_doc_add_text (BoPrintDoc      *self,
                       BoPrintAlign     align,
                       BoPrintTextFlags flags,
                       const char      *text)
{
  BoPrintBlock *block;

  g_return_if_fail (BO_IS_PRINT_DOC (self));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));

  block = append_block (self, BO_PRINT_BLOCK_TEXT);
  block->align = align;
  block->flags = flags;
  block->text = g_strdup (text);
}

void
bo_print_doc_add_columns (BoPrintDoc      *self,
                          BoPrintTextFlags flags,
                          const char      *left,
                          const char      *right)
{
  BoPrintBlock *block;

  g_return_if_fail (BO_IS_PRINT_DOC (self));
  g_return_if_fail (left != NULL && g_utf8_validate (left, -1, NULL));
  g_return_if_fail (right != NULL && g_utf8_validate (right, -1, NULL));

  block = append_block (self, BO_PRINT_BLOCK_TEXT);
  block->align = BO_PRINT_ALIGN_LEFT;
  block->flags = flags;
  block->text = g_strdup (left);
  block->right = g_strdup (right);
}

void
bo_print_doc_add_rule (BoPrintDoc *self)
{
  g_return_if_fail (BO_IS_PRINT_DOC (self));
  append_block (self, BO_PRINT_BLOCK_RULE);
}

void
bo_print_doc_add_qr (BoPrintDoc *self,
                     const char *data)
{
  BoPrintBlock *block;

  g_return_if_fail (BO_IS_PRINT_DOC (self));
  g_return_if_fail (data != NULL && *data != '\0');

  block = append_block (self, BO_PRINT_BLOCK_QR);
  block->align = BO_PRINT_ALIGN_CENTER;
  block->text = g_strdup (data);
}

void
bo_print_doc_add_feed (BoPrintDoc *self,
                       guint       lines)
{
  g_return_if_fail (BO_IS_PRINT_DOC (self));
  append_block (self, BO_PRINT_BLOCK_FEED)->lines = lines;
}

void
bo_print_doc_add_cut (BoPrintDoc *self)
{
  g_return_if_fail (BO_IS_PRINT_DOC (self));
  append_block (self, BO_PRINT_BLOCK_CUT);
}

void
bo_print_doc_add_drawer_kick (BoPrintDoc *self)
{
  g_return_if_fail (BO_IS_PRINT_DOC (self));
  append_block (self, BO_PRINT_BLOCK_DRAWER);
}

guint
bo_print_doc_get_n_blocks (BoPrintDoc *self)
{
  g_return_val_if_fail (BO_IS_PRINT_DOC (self), 0);
  return self->blocks->len;
}

const BoPrintBlock *
bo_print_doc_get_block (BoPrintDoc *self,
                        guint       index)
{
  g_return_val_if_fail (BO_IS_PRINT_DOC (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return &g_array_index (self->blocks, BoPrintBlock, index);
}

guint
bo_print_doc_get_n_pieces (BoPrintDoc *self)
{
  guint pieces = 0;
  gboolean open = FALSE;

  g_return_val_if_fail (BO_IS_PRINT_DOC (self), 0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      BoPrintBlockKind kind = g_array_index (self->blocks, BoPrintBlock, i).kind;

      if (kind == BO_PRINT_BLOCK_CUT)
        {
          pieces++;
          open = FALSE;
        }
      else if (kind != BO_PRINT_BLOCK_DRAWER)
        open = TRUE;
    }
  return pieces + (open ? 1 : 0);
}

char *
bo_print_doc_to_plain_text (BoPrintDoc *self)
{
  GString *text;

  g_return_val_if_fail (BO_IS_PRINT_DOC (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const BoPrintBlock *block = &g_array_index (self->blocks, BoPrintBlock, i);

      switch (block->kind)
        {
        case BO_PRINT_BLOCK_TEXT:
          g_string_append (text, block->text);
          if (block->right != NULL)
            g_string_append_printf (text, "\t%s", block->right);
          g_string_append_c (text, '\n');
          break;
        case BO_PRINT_BLOCK_QR:
          g_string_append_printf (text, "[QR %s]\n", block->text);
          break;
        case BO_PRINT_BLOCK_CUT:
          g_string_append (text, "----\n");
          break;
        case BO_PRINT_BLOCK_RULE:
        case BO_PRINT_BLOCK_FEED:
        case BO_PRINT_BLOCK_DRAWER:
        default:
          break;
        }
    }
  return g_string_free (text, FALSE);
}
