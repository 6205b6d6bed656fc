/*
 * elfsym.c - function names from the ELF symbol tables of the loaded
 * objects (elfsym.h). Every offset, size and index read from a file is
 * checked against the file's size before it is used: a truncated or
 * corrupt file gives a note, never a crash.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "bench.h"
#include "elfsym.h"
#include "error.h"

typedef struct sym {
    uintptr_t addr; /* run-time start */
    uintptr_t end;  /* run-time end: its size, or its section's end when
                       the table gives none; 0 when neither is known */
    size_t name;    /* offset in the object's names */
    int rank;       /* which of several symbols at one address names it */
} sym;

typedef struct obj {
    char *path;       /* the file read */
    char *display;    /* its base name, for names and messages */
    uintptr_t base;   /* load bias */
    uintptr_t lo, hi; /* its PT_LOAD segments in memory */
    int state;        /* 0 not read yet, 1 read, -1 failed */
    char why[200];    /* state -1: the reason */
    sym *syms;        /* ascending addr, one per address */
    size_t nsyms;
    char *names; /* the names, NUL-terminated, clone suffixes off */
    size_t names_len;
    const unsigned char *image; /* the vDSO: its image in memory */
    size_t image_len;
} obj;

struct elfsym {
    obj *objs;
    size_t nobjs, cap;
    char debug_dir[256]; /* where separate debug files live */
};

elfsym *elfsym_new(void)
{
    elfsym *s = calloc(1, sizeof(elfsym));
    if (s)
        elfsym_set_debug_dir(s, "/usr/lib/debug");
    return s;
}

void elfsym_set_debug_dir(elfsym *s, const char *dir)
{
    size_t n = strlen(dir);
    if (n >= sizeof s->debug_dir)
        n = 0;
    memcpy(s->debug_dir, dir, n);
    s->debug_dir[n] = '\0';
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static obj *add_obj(elfsym *s, const char *path, const char *display, uintptr_t base, uintptr_t lo,
                    uintptr_t hi)
{
    obj *o, *grown = array_grow(s->objs, &s->cap, s->nobjs + 1, sizeof *s->objs);
    if (!grown)
        return NULL;
    s->objs = grown;
    o = &s->objs[s->nobjs];
    memset(o, 0, sizeof *o);
    o->path = dup_str(path);
    o->display = dup_str(display ? display : base_of(path));
    if (!o->path || !o->display) {
        free(o->path);
        free(o->display);
        return NULL;
    }
    o->base = base;
    o->lo = lo;
    o->hi = hi;
    s->nobjs++;
    return o;
}

int elfsym_add(elfsym *s, const char *path, const char *display, uintptr_t base, uintptr_t lo,
               uintptr_t hi)
{
    return add_obj(s, path, display, base, lo, hi) ? BENCH_OK : BENCH_ENOMEM;
}

typedef struct add_ctx {
    elfsym *s;
    int rc;
} add_ctx;

static int add_one(struct dl_phdr_info *info, size_t size, void *p)
{
    add_ctx *c = p;
    uintptr_t lo = UINTPTR_MAX, hi = 0;
    const char *name = info->dlpi_name;
    char exe[4096];
    obj *o;
    int i;

    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        if (info->dlpi_addr + ph->p_vaddr < lo)
            lo = info->dlpi_addr + ph->p_vaddr;
        if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > hi)
            hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
    }
    if (lo >= hi)
        return 0;
    if (!name || !*name) { /* the executable */
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = '\0';
        o = add_obj(c->s, "/proc/self/exe", n > 0 ? base_of(exe) : "(executable)", info->dlpi_addr,
                    lo, hi);
    } else {
        o = add_obj(c->s, name, NULL, info->dlpi_addr, lo, hi);
    }
    if (!o) {
        c->rc = BENCH_ENOMEM;
        return 1;
    }
#ifdef AT_SYSINFO_EHDR
    /* The vDSO is no file: read it where the kernel mapped it. */
    if (name && getauxval(AT_SYSINFO_EHDR) == lo) {
        o->image = (const unsigned char *)lo;
        o->image_len = hi - lo;
    }
#endif
    return 0;
}

int elfsym_add_loaded(elfsym *s)
{
    add_ctx c = {s, BENCH_OK};
    dl_iterate_phdr(add_one, &c);
    return c.rc;
}

/* ---- reading one object's tables ---- */

/* Which symbol names an address that several name: a function before
 * anything else, then global before weak before local, then the name with
 * fewer leading underscores ("memcpy" over "__memcpy"). Higher wins. */
static int rank_of(const ElfW(Sym) * st, const char *name)
{
    int bind = ELF64_ST_BIND(st->st_info), r = 0, u = 0;
    if (ELF64_ST_TYPE(st->st_info) == STT_FUNC || ELF64_ST_TYPE(st->st_info) == STT_GNU_IFUNC)
        r += 64;
    r += bind == STB_GLOBAL ? 32 : bind == STB_WEAK ? 16 : 0;
    while (name[u] == '_' && u < 15)
        u++;
    return r + 15 - u;
}

static int sym_cmp(const void *a, const void *b)
{
    const sym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank > y->rank ? -1 : 1; /* the best first */
    return x->end > y->end ? -1 : x->end < y->end;
}

/* Whether a suffix component is one of GCC's (or Clang's) clone marks. */
static int clone_mark(const char *p, size_t n)
{
    static const char *const marks[] = {"cold", "part",       "isra",  "constprop", "lto_priv",
                                        "llvm", "localalias", "clone", NULL};
    size_t i;
    int digits = n > 0;
    for (i = 0; i < n; i++)
        digits &= p[i] >= '0' && p[i] <= '9';
    if (digits)
        return 1;
    for (i = 0; marks[i]; i++)
        if (strlen(marks[i]) == n && memcmp(marks[i], p, n) == 0)
            return 1;
    return 0;
}

const char *elfsym_base_name(const char *name, char *buf, size_t size)
{
    const char *dot = strchr(name, '.'), *p, *at = strchr(name, '@');
    size_t keep = strlen(name);

    if (at && at > name) /* a symbol version: memcpy@@GLIBC_2.14 */
        keep = (size_t)(at - name);
    if (dot && dot > at && at)
        dot = NULL;

    if (dot && dot > name) {
        int all = 1;
        for (p = dot + 1; all;) {
            const char *next = strchr(p, '.');
            size_t n = next ? (size_t)(next - p) : strlen(p);
            all = clone_mark(p, n);
            if (!next)
                break;
            p = next + 1;
        }
        if (all && (size_t)(dot - name) < keep)
            keep = (size_t)(dot - name);
    }
    if (size == 0)
        return buf;
    if (keep >= size)
        keep = size - 1;
    memcpy(buf, name, keep);
    buf[keep] = '\0';
    return buf;
}

typedef struct table {
    const ElfW(Sym) * syms;
    size_t n;
    const char *str;
    size_t strsz;
} table;

/* The symbol tables of an image of len bytes: up to two (.symtab,
 * .dynsym). Returns how many, or -1 with the reason in why. */
static int tables_of(const unsigned char *img, size_t len, table *t, char *why, size_t whysz)
{
    const ElfW(Ehdr) *eh = (const void *)img;
    const ElfW(Shdr) * sh;
    size_t i, nt = 0;

    if (len < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
        return error_set(why, whysz, -1, "not an ELF file");
#if UINTPTR_MAX > 0xffffffffu
    if (eh->e_ident[EI_CLASS] != ELFCLASS64)
#else
    if (eh->e_ident[EI_CLASS] != ELFCLASS32)
#endif
        return error_set(why, whysz, -1, "an ELF file of another word size");
    if (eh->e_shoff == 0 || eh->e_shnum == 0)
        return error_set(why, whysz, -1, "no section headers");
    if (eh->e_shentsize != sizeof *sh || eh->e_shoff > len ||
        (len - eh->e_shoff) / sizeof *sh < eh->e_shnum)
        return error_set(why, whysz, -1, "section headers past the end of the file");
    sh = (const void *)(img + eh->e_shoff);
    for (i = 0; i < eh->e_shnum && nt < 2; i++) {
        const ElfW(Shdr) * st, *ss = &sh[i];
        if (ss->sh_type != SHT_SYMTAB && ss->sh_type != SHT_DYNSYM)
            continue;
        if (ss->sh_link >= eh->e_shnum || ss->sh_entsize != sizeof(ElfW(Sym)))
            continue;
        st = &sh[ss->sh_link];
        if (ss->sh_offset > len || ss->sh_size > len - ss->sh_offset || st->sh_offset > len ||
            st->sh_size > len - st->sh_offset || st->sh_size == 0)
            continue;
        t[nt].syms = (const void *)(img + ss->sh_offset);
        t[nt].n = ss->sh_size / sizeof(ElfW(Sym));
        t[nt].str = (const char *)(img + st->sh_offset);
        t[nt].strsz = st->sh_size;
        nt++;
    }
    if (nt == 0)
        return error_set(why, whysz, -1, "no symbol table (stripped)");
    return (int)nt;
}

/* A symbol worth naming code by, or NULL: a defined function (or an
 * untyped symbol with a size, as assembly leaves them), named. */
static const char *wanted(const table *t, const ElfW(Sym) * st)
{
    int type = ELF64_ST_TYPE(st->st_info);
    const char *name;
    if (st->st_shndx == SHN_UNDEF || st->st_shndx == SHN_ABS || st->st_value == 0)
        return NULL;
    if (type != STT_FUNC && type != STT_GNU_IFUNC && !(type == STT_NOTYPE && st->st_size > 0))
        return NULL;
    if (st->st_name == 0 || st->st_name >= t->strsz)
        return NULL;
    name = t->str + st->st_name;
    if (!memchr(name, '\0', t->strsz - st->st_name) || !*name || name[0] == '$')
        return NULL;
    return name;
}

/* The end (link-time address) of section i of an image checked by
 * tables_of, or 0 when there is no such section. */
static uintptr_t section_end(const unsigned char *img, size_t i)
{
    const ElfW(Ehdr) *eh = (const void *)img;
    const ElfW(Shdr) *sh = (const void *)(img + eh->e_shoff);
    if (i == SHN_UNDEF || i >= SHN_LORESERVE || i >= eh->e_shnum)
        return 0;
    return (uintptr_t)(sh[i].sh_addr + sh[i].sh_size);
}

/* Where a symbol's code ends. A size of 0 is what assembly without .size
 * leaves (and crti's _init): such a symbol runs to the next one, but never
 * past its own section, so the PLT stubs after .init are not _init's. */
static uintptr_t end_of(const obj *o, const unsigned char *img, const ElfW(Sym) * st)
{
    uintptr_t sec;
    if (st->st_size > 0)
        return o->base + (uintptr_t)st->st_value + (uintptr_t)st->st_size;
    sec = section_end(img, st->st_shndx);
    return sec > st->st_value ? o->base + sec : 0;
}

static int read_image(obj *o, const unsigned char *img, size_t len)
{
    table t[2];
    int nt = tables_of(img, len, t, o->why, sizeof o->why), k;
    size_t n = 0, bytes = 0, i, j, used = 0;
    char buf[512];

    if (nt < 0)
        return -1;
    for (k = 0; k < nt; k++)
        for (i = 0; i < t[k].n; i++) {
            const char *name = wanted(&t[k], &t[k].syms[i]);
            if (name) {
                n++;
                bytes += strlen(elfsym_base_name(name, buf, sizeof buf)) + 1;
            }
        }
    if (n == 0)
        return error_set(o->why, sizeof o->why, -1, "no function symbols");
    o->syms = malloc(n * sizeof *o->syms);
    o->names = malloc(bytes);
    if (!o->syms || !o->names)
        return error_set(o->why, sizeof o->why, -1, "out of memory");
    for (k = 0; k < nt; k++)
        for (i = 0; i < t[k].n; i++) {
            const ElfW(Sym) *st = &t[k].syms[i];
            const char *name = wanted(&t[k], st);
            size_t len1;
            if (!name)
                continue;
            elfsym_base_name(name, buf, sizeof buf);
            len1 = strlen(buf) + 1;
            o->syms[o->nsyms].addr = o->base + (uintptr_t)st->st_value;
            o->syms[o->nsyms].end = end_of(o, img, st);
            o->syms[o->nsyms].name = used;
            o->syms[o->nsyms].rank = rank_of(st, name);
            memcpy(o->names + used, buf, len1);
            used += len1;
            o->nsyms++;
        }
    o->names_len = used;
    qsort(o->syms, o->nsyms, sizeof *o->syms, sym_cmp);
    /* One symbol per address (the best, first after the sort), with the
     * furthest end any of them gave. */
    for (i = 0, j = 0; i < o->nsyms; i++) {
        if (j > 0 && o->syms[j - 1].addr == o->syms[i].addr) {
            if (o->syms[i].end > o->syms[j - 1].end)
                o->syms[j - 1].end = o->syms[i].end;
            continue;
        }
        o->syms[j++] = o->syms[i];
    }
    o->nsyms = j;
    return 0;
}

/* Whether an image (checked by tables_of already) has a .symtab. */
static int has_symtab(const unsigned char *img, size_t len)
{
    const ElfW(Ehdr) *eh = (const void *)img;
    const ElfW(Shdr) * sh;
    size_t i;
    if (len < sizeof *eh || eh->e_shoff == 0 || eh->e_shentsize != sizeof *sh ||
        eh->e_shoff > len || (len - eh->e_shoff) / sizeof *sh < eh->e_shnum)
        return 0;
    sh = (const void *)(img + eh->e_shoff);
    for (i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB)
            return 1;
    return 0;
}

/* The separate debug file of an image, by its GNU build ID:
 * DIR/.build-id/xx/yyyy....debug, as gdb looks for it. 0 with the path in
 * buf, -1 when the image has no build ID. */
static int debug_file(const char *dir, const unsigned char *img, size_t len, char *buf, size_t size)
{
    const ElfW(Ehdr) *eh = (const void *)img;
    const ElfW(Shdr) * sh;
    size_t i;

    if (!dir[0] || len < sizeof *eh || eh->e_shoff == 0 || eh->e_shentsize != sizeof *sh ||
        eh->e_shoff > len || (len - eh->e_shoff) / sizeof *sh < eh->e_shnum)
        return -1;
    sh = (const void *)(img + eh->e_shoff);
    for (i = 0; i < eh->e_shnum; i++) {
        size_t at, end;
        if (sh[i].sh_type != SHT_NOTE || sh[i].sh_offset > len ||
            sh[i].sh_size > len - sh[i].sh_offset)
            continue;
        at = (size_t)sh[i].sh_offset, end = at + (size_t)sh[i].sh_size;
        while (end - at >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *nh = (const void *)(img + at);
            size_t name = (nh->n_namesz + 3) & ~(size_t)3, desc = (nh->n_descsz + 3) & ~(size_t)3;
            const unsigned char *id = img + at + sizeof *nh + name;
            if (name > end - at - sizeof *nh || desc > end - at - sizeof *nh - name)
                break;
            if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
                memcmp(img + at + sizeof *nh, "GNU", 4) == 0 && nh->n_descsz >= 2 &&
                nh->n_descsz <= 64) {
                size_t k, n = (size_t)snprintf(buf, size, "%s/.build-id/%02x/", dir, id[0]);
                for (k = 1; k < nh->n_descsz && n + 3 < size; k++)
                    n += (size_t)snprintf(buf + n, size - n, "%02x", id[k]);
                return n + 7 < size && snprintf(buf + n, size - n, ".debug") == 6 ? 0 : -1;
            }
            at += sizeof *nh + name + desc;
        }
    }
    return -1;
}

/* Map a whole regular file; NULL with the reason in o->why. */
static void *map_file(obj *o, const char *path, size_t *len)
{
    struct stat st;
    void *map;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_set(o->why, sizeof o->why, -1, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        error_set(o->why, sizeof o->why, -1, "%s is not a readable regular file", path);
        close(fd);
        return NULL;
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        error_set(o->why, sizeof o->why, -1, "cannot map %s: %s", path, strerror(errno));
        return NULL;
    }
    *len = (size_t)st.st_size;
    return map;
}

static void forget_syms(obj *o)
{
    free(o->syms);
    free(o->names);
    o->syms = NULL, o->names = NULL, o->nsyms = 0, o->names_len = 0;
}

/* The object's symbols: from its file, or, when the file has no .symtab
 * (a library stripped for packaging), from its separate debug file when
 * one is installed, which names its local functions too. */
static void read_obj(const elfsym *s, obj *o)
{
    void *map, *dmap;
    size_t len, dlen;
    char dpath[512], why[sizeof o->why];
    int rc = -1;

    o->state = -1;
    if (o->image) {
        if (read_image(o, o->image, o->image_len) == 0)
            o->state = 1;
        return;
    }
    if (!(map = map_file(o, o->path, &len)))
        return;
    if (!has_symtab(map, len) && debug_file(s->debug_dir, map, len, dpath, sizeof dpath) == 0) {
        memcpy(why, o->why, sizeof why);
        if ((dmap = map_file(o, dpath, &dlen)) != NULL) {
            rc = has_symtab(dmap, dlen) ? read_image(o, dmap, dlen) : -1;
            munmap(dmap, dlen);
        }
        if (rc != 0) /* none, or unusable: the object's own tables */
            forget_syms(o), memcpy(o->why, why, sizeof why);
    }
    if (rc != 0)
        rc = read_image(o, map, len);
    munmap(map, len);
    if (rc == 0)
        o->state = 1;
}

void elfsym_lookup(elfsym *s, uintptr_t pc, elfsym_hit *hit)
{
    size_t i, lo, hi;
    obj *o = NULL;

    memset(hit, 0, sizeof *hit);
    hit->obj = -1;
    for (i = 0; i < s->nobjs; i++)
        if (pc >= s->objs[i].lo && pc < s->objs[i].hi) {
            o = &s->objs[i];
            break;
        }
    if (!o)
        return;
    hit->obj = (int)i;
    hit->object = o->display;
    hit->offset = pc - o->base;
    if (o->state == 0)
        read_obj(s, o);
    if (o->state != 1)
        return;
    /* The last symbol at or below pc. */
    lo = 0, hi = o->nsyms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->syms[mid].addr <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return;
    {
        const sym *y = &o->syms[lo - 1];
        if (y->end != 0 && pc >= y->end)
            return; /* past its end: code no table names */
        hit->name = o->names + y->name;
        hit->start = y->addr;
    }
}

const char *elfsym_note(const elfsym *s, int obj)
{
    if (obj < 0 || (size_t)obj >= s->nobjs || s->objs[obj].state != -1)
        return NULL;
    return s->objs[obj].why;
}

void elfsym_free(elfsym *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->nobjs; i++) {
        free(s->objs[i].path);
        free(s->objs[i].display);
        free(s->objs[i].syms);
        free(s->objs[i].names);
    }
    free(s->objs);
    free(s);
}
