/*
 * demangle.c - a demangler for the common cases of the Itanium C++ ABI
 * (demangle.h), by recursive descent over its grammar
 * (https://itanium-cxx-abi.github.io/cxx-abi/abi.html#mangling), printing
 * as libiberty's c++filt does.
 *
 * Every piece demangled is a string in one fixed arena; the substitution
 * table and the template arguments point into it. A piece the grammar
 * here does not cover, or an arena that is full, fails the whole name
 * (NULL): the caller then shows it mangled.
 *
 * Which pieces become substitutions (S_, S0_, ...) follows libiberty: each
 * prefix of a nested name except the whole (when it names a function),
 * each template name before its arguments, every type that is not a
 * builtin or itself a substitution (a qualified type once for all its
 * qualifiers), and each template parameter used as a type.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <string.h>

#include "demangle.h"

#define ARENA  8192
#define NSUBS  256
#define NARGS  64
#define NDEPTH 64

typedef struct dm {
    const char *p; /* the next character of the name */
    char arena[ARENA];
    size_t used;
    const char *subs[NSUBS];
    size_t nsubs;
    const char *targs[NARGS]; /* the function's template arguments, for T_ */
    size_t ntargs;
    int depth; /* of recursion: a hostile name cannot exhaust the stack */
    int bad;
} dm;

/* a, b and c (any may be NULL: "") joined into a new string. */
static const char *cat3(dm *d, const char *a, const char *b, const char *c)
{
    size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
    char *s;
    if (d->bad || ARENA - d->used < la + lb + lc + 1) {
        d->bad = 1;
        return NULL;
    }
    s = d->arena + d->used;
    if (la)
        memcpy(s, a, la);
    if (lb)
        memcpy(s + la, b, lb);
    if (lc)
        memcpy(s + la + lb, c, lc);
    s[la + lb + lc] = '\0';
    d->used += la + lb + lc + 1;
    return s;
}

static const char *fail(dm *d)
{
    d->bad = 1;
    return NULL;
}

static void add_sub(dm *d, const char *s)
{
    if (!s || d->nsubs == NSUBS) {
        d->bad = 1;
        return;
    }
    d->subs[d->nsubs++] = s;
}

static int next_is(const dm *d, char c)
{
    return *d->p == c;
}

/* <number>: a decimal, 'n' for a minus. -1 when there is none. */
static long number(dm *d, int *neg)
{
    long n = 0;
    *neg = 0;
    if (*d->p == 'n')
        *neg = 1, d->p++;
    if (*d->p < '0' || *d->p > '9')
        return -1;
    while (*d->p >= '0' && *d->p <= '9') {
        if (n > 100000000)
            return -1;
        n = n * 10 + (*d->p++ - '0');
    }
    return n;
}

static const char *type(dm *d);
static const char *template_args(dm *d, const char *name, int top);
static const char *encoding(dm *d);

/* <source-name> ::= <length> <identifier> */
static const char *source_name(dm *d)
{
    int neg;
    long n = number(d, &neg);
    char buf[1024];
    if (n <= 0 || neg || (size_t)n >= sizeof buf || strnlen(d->p, (size_t)n) < (size_t)n)
        return fail(d);
    memcpy(buf, d->p, (size_t)n);
    buf[n] = '\0';
    d->p += n;
    if (strncmp(buf, "_GLOBAL_", 8) == 0 && (buf[8] == '.' || buf[8] == '_' || buf[8] == '$') &&
        buf[9] == 'N')
        return cat3(d, "(anonymous namespace)", NULL, NULL);
    return cat3(d, buf, NULL, NULL);
}

/* [B <source-name>]...: "name[abi:cxx11]". */
static const char *abi_tags(dm *d, const char *name)
{
    while (next_is(d, 'B') && !d->bad) {
        const char *tag;
        d->p++;
        tag = source_name(d);
        name = cat3(d, name, "[abi:", cat3(d, tag, "]", NULL));
    }
    return name;
}

/* clang-format off */
static const struct op { const char code[3], *text; } ops[] = {
    {"nw", "new"},  {"na", "new[]"}, {"dl", "delete"}, {"da", "delete[]"}, {"ps", "+"},
    {"ng", "-"},    {"ad", "&"},     {"de", "*"},      {"co", "~"},        {"pl", "+"},
    {"mi", "-"},    {"ml", "*"},     {"dv", "/"},      {"rm", "%"},        {"an", "&"},
    {"or", "|"},    {"eo", "^"},     {"aS", "="},      {"pL", "+="},       {"mI", "-="},
    {"mL", "*="},   {"dV", "/="},    {"rM", "%="},     {"aN", "&="},       {"oR", "|="},
    {"eO", "^="},   {"ls", "<<"},    {"rs", ">>"},     {"lS", "<<="},      {"rS", ">>="},
    {"eq", "=="},   {"ne", "!="},    {"lt", "<"},      {"gt", ">"},        {"le", "<="},
    {"ge", ">="},   {"ss", "<=>"},   {"nt", "!"},      {"aa", "&&"},       {"oo", "||"},
    {"pp", "++"},   {"mm", "--"},    {"cm", ","},      {"pm", "->*"},      {"pt", "->"},
    {"cl", "()"},   {"ix", "[]"},    {"qu", "?"},
};
/* clang-format on */

/* <unqualified-name>: a source name (L before it: internal linkage), an
 * operator, then any ABI tags. *conversion is set for "operator T". */
static const char *unqualified_name(dm *d, int *conversion)
{
    const char *name = NULL;
    size_t i;

    if (next_is(d, 'L'))
        d->p++;
    if (*d->p >= '0' && *d->p <= '9') {
        name = source_name(d);
    } else if (d->p[0] == 'c' && d->p[1] == 'v') {
        const char *t;
        d->p += 2;
        t = type(d);
        name = cat3(d, "operator ", t, NULL);
        if (conversion)
            *conversion = 1;
    } else if (d->p[0] >= 'a' && d->p[0] <= 'z' && d->p[1]) {
        for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
            if (d->p[0] == ops[i].code[0] && d->p[1] == ops[i].code[1])
                break;
        if (i == sizeof ops / sizeof ops[0])
            return fail(d);
        d->p += 2;
        name = cat3(d, "operator", ops[i].text[0] >= 'a' && ops[i].text[0] <= 'z' ? " " : "",
                    ops[i].text);
    } else {
        return fail(d);
    }
    return abi_tags(d, name);
}

/* <substitution> after its 'S': St, Sa, Sb, Ss, Si, So, Sd, S_, S<id>_.
 * *std is set for St (a prefix "std", not a name of its own). */
static const char *substitution(dm *d, int *std)
{
    static const struct {
        char c;
        const char *text;
    } abbr[] = {
        /* as c++filt writes them: in full */
        {'a', "std::allocator"},
        {'b', "std::basic_string"},
        {'s', "std::basic_string<char, std::char_traits<char>, std::allocator<char> >"},
        {'i', "std::basic_istream<char, std::char_traits<char> >"},
        {'o', "std::basic_ostream<char, std::char_traits<char> >"},
        {'d', "std::basic_iostream<char, std::char_traits<char> >"},
    };
    size_t i, id = 0;

    *std = 0;
    if (next_is(d, 't')) {
        d->p++;
        *std = 1;
        return "std";
    }
    for (i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (next_is(d, abbr[i].c)) {
            d->p++;
            return abbr[i].text;
        }
    if (next_is(d, '_')) {
        d->p++;
        id = 0;
    } else {
        size_t n = 0;
        while ((*d->p >= '0' && *d->p <= '9') || (*d->p >= 'A' && *d->p <= 'Z')) {
            n = n * 36 + (size_t)(*d->p <= '9' ? *d->p - '0' : *d->p - 'A' + 10);
            if (n > NSUBS)
                return fail(d);
            d->p++;
        }
        if (!next_is(d, '_'))
            return fail(d);
        d->p++;
        id = n + 1;
    }
    return id < d->nsubs ? d->subs[id] : fail(d);
}

/* T_ or T<n>_ after its 'T': the function's template argument. */
static const char *template_param(dm *d)
{
    size_t n = 0;
    if (!next_is(d, '_')) {
        int neg;
        long k = number(d, &neg);
        if (k < 0 || neg)
            return fail(d);
        n = (size_t)k + 1;
    }
    if (!next_is(d, '_'))
        return fail(d);
    d->p++;
    return n < d->ntargs ? d->targs[n] : fail(d);
}

/* A class's own name, for its constructors: "std::allocator<int>" is
 * "allocator", "failure[abi:cxx11]" is "failure". */
static const char *class_name(dm *d, const char *cls)
{
    char *s = (char *)cat3(d, cls, NULL, NULL), *p, *last;
    int depth = 0;
    if (!s)
        return NULL;
    for (p = last = s; *p; p++) { /* the last "::" outside <> and [] */
        depth += (*p == '<' || *p == '[') - (*p == '>' || *p == ']');
        if (depth == 0 && p[0] == ':' && p[1] == ':')
            last = p + 2;
    }
    last[strcspn(last, "<[")] = '\0'; /* no template arguments, no ABI tag */
    return last;
}

/* t& or t&&, references collapsed as the language does (and c++filt
 * writes): T& & and T&& & are T&, T& && is T&, T&& && is T&&. */
static const char *reference(dm *d, const char *t, int rvalue)
{
    size_t n = t ? strlen(t) : 0;
    if (n >= 2 && t[n - 1] == '&' && t[n - 2] == '&') {
        char *u;
        if (rvalue)
            return t;
        if ((u = (char *)cat3(d, t, NULL, NULL)) != NULL)
            u[n - 1] = '\0';
        return u;
    }
    if (n >= 1 && t[n - 1] == '&')
        return t;
    return cat3(d, t, rvalue ? "&&" : "&", NULL);
}

/* <nested-name> after its 'N': "a::b::c"; *cv gets the member function's
 * qualifiers (" const", " &"), *templated whether the last component
 * has template arguments, *special whether it is a constructor,
 * destructor or conversion (no return type). */
static const char *nested_name(dm *d, const char **cv, int *templated, int *special, int top)
{
    const char *prefix = NULL, *last = NULL, *quals = "", *ref = "";

    *cv = "";

    while (strchr("rVK", *d->p) && *d->p) {
        quals = cat3(d,
                     *d->p == 'K'   ? " const"
                     : *d->p == 'V' ? " volatile"
                                    : " restrict",
                     quals, NULL);
        d->p++;
    }
    if (next_is(d, 'R') || next_is(d, 'O'))
        ref = *d->p++ == 'R' ? " &" : " &&";
    *templated = 0;
    *special = 0;
    while (!next_is(d, 'E') && !d->bad) {
        const char *comp;
        int from_sub = 0, std = 0;

        if (!*d->p)
            return fail(d);
        *templated = 0;
        if (!next_is(d, 'I')) /* a template constructor stays one */
            *special = 0;
        if (next_is(d, 'S')) {
            d->p++;
            comp = substitution(d, &std);
            from_sub = 1;
            prefix = prefix ? cat3(d, prefix, "::", comp) : comp;
            last = comp;
            continue;
        }
        if (next_is(d, 'I')) {
            if (!prefix)
                return fail(d);
            prefix = template_args(d, prefix, top);
            *templated = 1;
        } else if (next_is(d, 'C') || next_is(d, 'D')) {
            int dtor = *d->p == 'D';
            const char *cls = last;
            d->p++;
            if (!cls || !strchr(dtor ? "01245" : "12345", *d->p) || !*d->p)
                return fail(d);
            d->p++;
            cls = class_name(d, cls);
            comp = abi_tags(d, cat3(d, dtor ? "~" : "", cls, NULL));
            prefix = prefix ? cat3(d, prefix, "::", comp) : comp;
            *special = 1;
        } else if (next_is(d, 'T')) {
            d->p++;
            comp = template_param(d);
            prefix = prefix ? cat3(d, prefix, "::", comp) : comp;
            last = comp;
        } else {
            int conv = 0;
            comp = unqualified_name(d, &conv);
            prefix = prefix ? cat3(d, prefix, "::", comp) : comp;
            last = comp;
            *special = conv;
        }
        (void)from_sub;
        if (!next_is(d, 'E'))
            add_sub(d, prefix);
    }
    if (d->bad)
        return NULL;
    d->p++; /* E */
    *cv = cat3(d, quals, ref, NULL);
    return prefix;
}

/* L <type> <number> E, after its 'L': as c++filt writes it, 5, 5u, 5l,
 * 5ul, 5ll, 5ull, -5, true. */
static const char *literal(dm *d)
{
    static const struct {
        char c;
        const char *suffix;
    } kinds[] = {{'i', ""}, {'j', "u"}, {'l', "l"}, {'m', "ul"}, {'x', "ll"}, {'y', "ull"}};
    char kind = *d->p, num[32];
    int neg, k = 0, j = 0;
    long v;
    size_t i;

    if (!kind)
        return fail(d);
    d->p++;
    v = number(d, &neg);
    if (v < 0 || !next_is(d, 'E'))
        return fail(d);
    d->p++;
    if (kind == 'b' && !neg && v <= 1)
        return v ? "true" : "false";
    for (i = 0; i < sizeof kinds / sizeof kinds[0] && kinds[i].c != kind; i++)
        ;
    if (i == sizeof kinds / sizeof kinds[0])
        return fail(d);
    if (neg)
        num[j++] = '-';
    do
        num[j + k++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    num[j + k] = '\0';
    for (k = j + k - 1; j < k; j++, k--) { /* the digits were written backwards */
        char t = num[j];
        num[j] = num[k];
        num[k] = t;
    }
    return cat3(d, num, kinds[i].suffix, NULL);
}

/* <template-args> after the name they follow: name<a, b>. top: these are
 * the function's, which T_ refers to. */
static const char *template_args(dm *d, const char *name, int top)
{
    const char *args[NARGS], *s;
    size_t n = 0, i;

    if (!name || d->bad || !next_is(d, 'I') || ++d->depth > NDEPTH)
        return fail(d);
    d->p++;
    while (!next_is(d, 'E') && !d->bad) {
        const char *a;
        if (!*d->p || n == NARGS)
            return fail(d);
        if (next_is(d, 'L')) {
            d->p++;
            a = literal(d);
        } else if (next_is(d, 'X') || next_is(d, 'J')) {
            return fail(d);
        } else {
            a = type(d);
        }
        args[n++] = a;
    }
    if (d->bad)
        return NULL;
    d->p++; /* E */
    d->depth--;
    if (top) {
        for (i = 0; i < n; i++)
            d->targs[i] = args[i];
        d->ntargs = n;
    }
    s = cat3(d, name, name[0] && name[strlen(name) - 1] == '<' ? " <" : "<", NULL);
    for (i = 0; i < n; i++)
        s = cat3(d, s, i ? ", " : "", args[i]);
    return cat3(d, s, s && s[strlen(s) - 1] == '>' ? " >" : ">", NULL);
}

/* clang-format off */
static const struct builtin { char c; const char *text; } builtins[] = {
    {'v', "void"}, {'w', "wchar_t"}, {'b', "bool"}, {'c', "char"}, {'a', "signed char"},
    {'h', "unsigned char"}, {'s', "short"}, {'t', "unsigned short"}, {'i', "int"},
    {'j', "unsigned int"}, {'l', "long"}, {'m', "unsigned long"}, {'x', "long long"},
    {'y', "unsigned long long"}, {'n', "__int128"}, {'o', "unsigned __int128"}, {'f', "float"},
    {'d', "double"}, {'e', "long double"}, {'g', "__float128"}, {'z', "..."},
};
/* clang-format on */

/* <function-type> after its 'F': [Y] <return type> <parameter types> E.
 * Returns 1 with the return type and the parameters ("int, char"). */
static int function_type(dm *d, const char **ret, const char **params)
{
    const char *p = NULL;
    if (next_is(d, 'Y'))
        d->p++;
    *ret = type(d);
    if (next_is(d, 'v') && d->p[1] == 'E') {
        d->p++;
        p = "";
    }
    while (!next_is(d, 'E') && *d->p && !d->bad)
        p = cat3(d, p, p ? ", " : "", type(d));
    if (d->bad || !next_is(d, 'E'))
        return 0;
    d->p++;
    *params = p ? p : "";
    return *ret != NULL;
}

static const char *type(dm *d)
{
    const char *t;
    size_t i;
    char c = *d->p;

    if (!c || ++d->depth > NDEPTH)
        return fail(d);
    for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (c == builtins[i].c) {
            d->p++;
            d->depth--;
            return builtins[i].text;
        }
    if (c == 'D') {
        static const char *const dt[][2] = {{"n", "decltype(nullptr)"},
                                            {"s", "char16_t"},
                                            {"i", "char32_t"},
                                            {"u", "char8_t"},
                                            {"a", "auto"}};
        for (i = 0; i < sizeof dt / sizeof dt[0]; i++)
            if (d->p[1] == dt[i][0][0]) {
                d->p += 2;
                d->depth--;
                return dt[i][1];
            }
        return fail(d);
    }
    d->p++;
    if ((c == 'P' || c == 'R' || c == 'O') && next_is(d, 'F')) {
        /* a pointer or reference to a function: "void (*)(int)" */
        const char *ret, *params;
        d->p++;
        if (!function_type(d, &ret, &params))
            return fail(d);
        add_sub(d, cat3(d, ret, " (", cat3(d, params, ")", NULL)));
        t = cat3(d, ret, c == 'P' ? " (*)(" : c == 'R' ? " (&)(" : " (&&)(", params);
        t = cat3(d, t, ")", NULL);
        add_sub(d, t);
    } else if (c == 'P' || c == 'R' || c == 'O') {
        t = type(d);
        t = c == 'P' ? cat3(d, t, "*", NULL) : reference(d, t, c == 'O');
        add_sub(d, t);
    } else if (c == 'r' || c == 'V' || c == 'K') {
        const char *quals = NULL;
        d->p--;
        while (*d->p && strchr("rVK", *d->p)) {
            quals = cat3(d,
                         *d->p == 'K'   ? " const"
                         : *d->p == 'V' ? " volatile"
                                        : " restrict",
                         quals, NULL);
            d->p++;
        }
        t = type(d);
        t = cat3(d, t, quals, NULL);
        add_sub(d, t);
    } else if (c == 'S') {
        int std;
        t = substitution(d, &std);
        if (std) { /* St <unqualified-name>: std::name */
            t = cat3(d, "std::", unqualified_name(d, NULL), NULL);
            add_sub(d, t);
        }
        if (next_is(d, 'I')) { /* a substitution's template name is not added again */
            t = template_args(d, t, 0);
            add_sub(d, t);
        }
    } else if (c == 'N') {
        const char *cv = NULL;
        int templated, special;
        t = nested_name(d, &cv, &templated, &special, 0);
        if (cv && *cv)
            return fail(d);
        add_sub(d, t);
    } else if (c >= '0' && c <= '9') {
        d->p--;
        t = source_name(d);
        add_sub(d, t);
        if (next_is(d, 'I')) {
            t = template_args(d, t, 0);
            add_sub(d, t);
        }
    } else if (c == 'T') {
        t = template_param(d);
        add_sub(d, t);
        if (next_is(d, 'I'))
            return fail(d);
    } else {
        return fail(d); /* function, array, member pointer, vendor, ... */
    }
    d->depth--;
    return d->bad ? NULL : t;
}

/* <name>, with whether it is a template and a constructor-like special. */
static const char *name(dm *d, const char **cv, int *templated, int *special)
{
    const char *n;
    *cv = "";
    *templated = 0;
    *special = 0;
    if (next_is(d, 'N')) {
        d->p++;
        return nested_name(d, cv, templated, special, 1);
    }
    if (next_is(d, 'Z'))
        return fail(d); /* a local name */
    if (next_is(d, 'S')) {
        int std;
        d->p++;
        n = substitution(d, &std);
        if (std)
            n = cat3(d, "std::", unqualified_name(d, special), NULL);
        else if (!next_is(d, 'I'))
            return fail(d);
    } else {
        n = unqualified_name(d, special);
    }
    if (next_is(d, 'I')) {
        add_sub(d, n);
        n = template_args(d, n, 1);
        *templated = 1;
    }
    return n;
}

/* <encoding>: a function with its parameter types, or a data name; the
 * special names (vtables, typeinfo, guard variables, thunks). */
static const char *encoding(dm *d)
{
    const char *n, *cv, *ret = NULL, *params = NULL;
    int templated, special;

    if (++d->depth > NDEPTH)
        return fail(d);
    if (d->p[0] == 'T' || (d->p[0] == 'G' && d->p[1] == 'V')) {
        static const char *const what[][2] = {{"TV", "vtable for "},
                                              {"TI", "typeinfo for "},
                                              {"TS", "typeinfo name for "},
                                              {"GV", "guard variable for "}};
        size_t i;
        int neg;
        for (i = 0; i < sizeof what / sizeof what[0]; i++)
            if (d->p[0] == what[i][0][0] && d->p[1] == what[i][0][1]) {
                d->p += 2;
                return cat3(d, what[i][1], i < 3 ? type(d) : name(d, &cv, &templated, &special),
                            NULL);
            }
        if (d->p[1] == 'h' || d->p[1] == 'v') { /* Th<offset>_, Tv<offset>_<offset>_ */
            int virt = d->p[1] == 'v';
            d->p += 2;
            if (number(d, &neg) < 0 || !next_is(d, '_'))
                return fail(d);
            d->p++;
            if (virt && (number(d, &neg) < 0 || !next_is(d, '_')))
                return fail(d);
            d->p += virt;
            return cat3(d, virt ? "virtual thunk to " : "non-virtual thunk to ", encoding(d), NULL);
        }
        return fail(d);
    }
    n = name(d, &cv, &templated, &special);
    if (d->bad)
        return NULL;
    if (!*d->p || next_is(d, 'E') || next_is(d, '.'))
        return n; /* a variable */
    if (templated && !special) {
        ret = type(d);
        if (!*d->p && !d->bad) /* no parameters after the return type */
            return fail(d);
    }
    if (next_is(d, 'v') && (!d->p[1] || d->p[1] == 'E')) {
        d->p++;
        params = "";
    } else {
        while (*d->p && !next_is(d, 'E') && !d->bad)
            params = cat3(d, params, params ? ", " : "", type(d));
    }
    d->depth--;
    n = cat3(d, n, "(", params);
    n = cat3(d, n, ")", cv);
    return ret ? cat3(d, ret, " ", n) : n;
}

const char *demangle(const char *mangled, char *buf, size_t size)
{
    static _Thread_local dm d; /* 10 KiB: not on a small stack */
    const char *s;
    size_t n;

    if (!mangled || strncmp(mangled, "_Z", 2) != 0 || size == 0)
        return NULL;
    memset(&d, 0, sizeof d);
    d.p = mangled + 2;
    s = encoding(&d);
    if (d.bad || !s || *d.p)
        return NULL;
    n = strlen(s);
    if (n >= size)
        return NULL;
    memcpy(buf, s, n + 1);
    return buf;
}
