/* widgets.c: the form controls of every page (see widgets.h). Each control writes its
 * attributes in one order: type, id, name, value, then the optional ones, then the boolean
 * ones; an attribute whose member is zero or NULL is left out. */
#include "web/pages/widgets.h"

#include "io/html.h"
#include "web/pages/layout.h"

#include <string.h>

/* ATTR appends ` name="value"` when value is not NULL; name is a string literal. */
#define ATTR(sb, name, value)                                                                      \
    do {                                                                                           \
        if (value)                                                                                 \
            html((sb), " " name "=\"%s\"", (value));                                               \
    } while (0)

/* open_field appends what precedes a control: <div>, its label and the hint. */
static void open_field(StrBuf *sb, const Widget *w)
{
    if (!w->bare)
        html(sb, "<div>");
    html(sb, "<label for=\"%s\">%s</label>", w->id, w->label);
    if (w->hint)
        html(sb, "<span class=\"muted\">%s</span>", w->hint);
}

/* field_error appends the error about the control's field, if w->err is one. */
static void field_error(StrBuf *sb, const Widget *w)
{
    page_field_error(sb, w->err, w->err_field ? w->err_field : w->name);
}

/* close_field appends what follows a control: its error and </div>. */
static void close_field(StrBuf *sb, const Widget *w)
{
    field_error(sb, w);
    if (!w->bare)
        html(sb, "</div>\n");
}

/* optional_attrs appends the optional attributes a control has, in a fixed order. */
static void optional_attrs(StrBuf *sb, const Widget *w)
{
    ATTR(sb, "autocomplete", w->autocomplete);
    ATTR(sb, "inputmode", w->inputmode);
    ATTR(sb, "pattern", w->pattern);
    ATTR(sb, "placeholder", w->placeholder);
    ATTR(sb, "accept", w->accept);
    ATTR(sb, "data-filter", w->filter);
    if (w->rows)
        html(sb, " rows=\"%d\"", w->rows);
    if (w->minlength)
        html(sb, " minlength=\"%d\"", w->minlength);
    if (w->maxlength)
        html(sb, " maxlength=\"%d\"", w->maxlength);
    if (w->no_spellcheck)
        html(sb, " spellcheck=\"false\"");
    html(sb, "%s%s", w->required ? " required" : "", w->autofocus ? " autofocus" : "");
}

void widget_input(StrBuf *sb, const Widget *w)
{
    const char *type = w->type ? w->type : "text";
    open_field(sb, w);
    html(sb, "<input type=\"%s\" id=\"%s\" name=\"%s\"", type, w->id, w->name);
    ATTR(sb, "value", w->value);
    if (strcmp(type, "number") == 0) {
        html(sb, " min=\"%s\"", w->min ? w->min : "0");
        ATTR(sb, "max", w->max);
        html(sb, " step=\"1\"");
    }
    optional_attrs(sb, w);
    html(sb, ">");
    close_field(sb, w);
}

void widget_textarea(StrBuf *sb, const Widget *w)
{
    open_field(sb, w);
    html(sb, "<textarea id=\"%s\" name=\"%s\"", w->id, w->name);
    optional_attrs(sb, w);
    html(sb, ">%s</textarea>", w->value);
    close_field(sb, w);
}

void widget_select_begin(StrBuf *sb, const Widget *w)
{
    open_field(sb, w);
    html(sb, "<select id=\"%s\" name=\"%s\"", w->id, w->name);
    optional_attrs(sb, w);
    html(sb, ">");
    if (w->none)
        html(sb, "<option value=\"\">%s</option>", w->none);
}

void widget_select_end(StrBuf *sb, const Widget *w)
{
    html(sb, "</select>");
    close_field(sb, w);
}

void widget_check(StrBuf *sb, const Widget *w)
{
    html(sb, "<label class=\"check\" for=\"%s\"><input type=\"%s\" id=\"%s\" name=\"%s\"", w->id,
         w->type ? w->type : "checkbox", w->id, w->name);
    ATTR(sb, "value", w->value);
    html(sb, "%s", w->checked ? " checked" : "");
    optional_attrs(sb, w);
    html(sb, "> %s", w->label);
    if (w->hint)
        html(sb, " <strong>%s</strong>", w->hint);
    html(sb, "</label>");
    field_error(sb, w);
}
