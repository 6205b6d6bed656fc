/*
 * flame.c - the flame graph of a profile as SVG (flame.h), after Brendan
 * Gregg's flamegraph.pl: the stacks merged into a tree of calls, each
 * node drawn as wide as its samples, children left to right by name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "flame.h"
#include "svg.h"

#define NONE SIZE_MAX

typedef struct node {
    size_t fn;    /* index into r->funcs; NONE for the root */
    size_t count; /* samples */
    size_t child; /* first child (by name), NONE for none */
    size_t next;  /* next sibling */
} node;

typedef struct tree {
    node *v;
    size_t n, cap;
    size_t depth; /* of the deepest node, the root's 0 */
} tree;

static const char *name_of(const bench_profile_result *r, size_t fn)
{
    return fn < r->nfuncs && r->funcs[fn].name ? r->funcs[fn].name : "?";
}

/* parent's child for fn, made (in its place by name) when missing. */
static size_t child_of(tree *t, const bench_profile_result *r, size_t parent, size_t fn)
{
    size_t *link = &t->v[parent].child, at;
    node *grown;
    while (*link != NONE) {
        int c;
        if (t->v[*link].fn == fn)
            return *link;
        c = strcmp(name_of(r, t->v[*link].fn), name_of(r, fn));
        if (c > 0 || (c == 0 && t->v[*link].fn > fn))
            break;
        link = &t->v[*link].next;
    }
    at = (size_t)(link - &t->v[0].child); /* the link survives a move as an offset */
    if (!(grown = array_grow(t->v, &t->cap, t->n + 1, sizeof *t->v)))
        return NONE;
    t->v = grown;
    link = (size_t *)((char *)&t->v[0].child + at * sizeof(size_t));
    t->v[t->n].fn = fn;
    t->v[t->n].count = 0;
    t->v[t->n].child = NONE;
    t->v[t->n].next = *link;
    *link = t->n;
    return t->n++;
}

static int build(tree *t, const bench_profile_result *r)
{
    size_t i, j;
    memset(t, 0, sizeof *t);
    if (!(t->v = array_grow(NULL, &t->cap, 1, sizeof *t->v)))
        return -1;
    t->v[0].fn = NONE, t->v[0].count = 0, t->v[0].child = NONE, t->v[0].next = NONE;
    t->n = 1;
    for (i = 0; i < r->nstacks; i++) {
        const bench_profile_stack *s = &r->stacks[i];
        size_t at = 0;
        t->v[0].count += s->samples;
        for (j = s->first; j < s->depth; j++) {
            if ((at = child_of(t, r, at, s->frames[j])) == NONE)
                return -1;
            t->v[at].count += s->samples;
            if (j - s->first + 1 > t->depth)
                t->depth = j - s->first + 1;
        }
    }
    return 0;
}

/* One frame and, to its right in turn, its children above it. */
static size_t draw(FILE *f, const tree *t, const bench_profile_result *r, const char *root,
                   size_t at, size_t depth, double x, double height)
{
    const node *nd = &t->v[at];
    double w = (double)nd->count / (double)t->v[0].count * FLAME_WIDTH;
    double y = height - (double)(depth + 1) * FLAME_ROW;
    const char *name = nd->fn == NONE ? root : name_of(r, nd->fn);
    char tip[1200], cls[16];
    size_t drawn = 1, c;

    snprintf(tip, sizeof tip, "%s: %zu sample%s, %.1f%%", name, nd->count,
             nd->count == 1 ? "" : "s", 100.0 * (double)nd->count / (double)t->v[0].count);
    fputs("<g><title>", f);
    svg_text(f, tip);
    /* Lightness by depth, dark to light and again: a frame and the one
     * above it differ in greyscale too. */
    if (nd->fn == NONE)
        snprintf(cls, sizeof cls, "froot");
    else
        snprintf(cls, sizeof cls, "f%zu", (depth - 1) % 4);
    fprintf(f, "</title><rect class=\"pt %s\" x=\"", cls);
    svg_num(f, x);
    fputs("\" y=\"", f);
    svg_num(f, y);
    fputs("\" width=\"", f);
    svg_num(f, w);
    fprintf(f, "\" height=\"%d\"/>", FLAME_ROW - 1);
    if (w >= 28) {
        fprintf(f, "<text%s x=\"", nd->fn == NONE || (depth - 1) % 4 < 2 ? " class=\"tl\"" : "");
        svg_num(f, x + 3);
        fputs("\" y=\"", f);
        svg_num(f, y + FLAME_ROW - 5.5);
        fputs("\">", f);
        svg_text_cut(f, name, (size_t)((w - 6) / 6.6) >= 2 ? (size_t)((w - 6) / 6.6) : 2);
        fputs("</text>", f);
    }
    fputs("</g>\n", f);
    for (c = nd->child; c != NONE; c = t->v[c].next) {
        drawn += draw(f, t, r, root, c, depth + 1, x, height);
        x += (double)t->v[c].count / (double)t->v[0].count * FLAME_WIDTH;
    }
    return drawn;
}

int flame_svg(FILE *f, const bench_profile_result *r, const char *root, size_t *nframes)
{
    tree t;
    double height;
    size_t drawn = 0;

    if (build(&t, r) != 0) {
        free(t.v);
        return -1;
    }
    height = (double)(t.depth + 1) * FLAME_ROW + 2;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot flame\" width=\"%d\" "
            "height=\"",
            FLAME_WIDTH);
    svg_num(f, height);
    fprintf(f, "\" viewBox=\"0 0 %d ", FLAME_WIDTH);
    svg_num(f, height);
    fputs("\" role=\"img\" aria-label=\"flame graph: ", f);
    svg_text(f, root);
    fputs("\">\n", f);
    if (t.v[0].count > 0)
        drawn = draw(f, &t, r, root, 0, 0, 0, height);
    else
        fputs("<text x=\"4\" y=\"13\">no samples</text>\n", f);
    fputs("</svg>\n", f);
    free(t.v);
    if (nframes)
        *nframes = drawn;
    return ferror(f) ? -1 : 0;
}

void flame_style(FILE *f)
{
    fputs("svg.flame rect{stroke:#fff;stroke-width:1}\n"
          "svg.flame text{font-size:11px;pointer-events:none}\n"
          "svg.flame .froot{fill:#4d4d4d}\n"
          "svg.flame .f0{fill:#7f2704}\n"
          "svg.flame .f1{fill:#d94801}\n"
          "svg.flame .f2{fill:#fd8d3c}\n"
          "svg.flame .f3{fill:#fdd0a2}\n"
          "svg.flame .tl{fill:#fff}\n",
          f);
}
