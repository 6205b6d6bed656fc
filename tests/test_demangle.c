/*
 * test_demangle.c - the C++ demangler behind bench profile's names: a
 * table of mangled names and what c++filt (binutils) prints for each,
 * which the demangler must print the same; the forms it leaves mangled;
 * a buffer too small; input that is not a mangled name.
 */
#include <string.h>

#include "demangle.h"
#include "testhelp.h"

/* Each expected string is c++filt's output for the name. */
static const struct {
    const char *mangled, *plain;
} table[] = {
    {"_ZN2ns3hotEi", "ns::hot(int)"},
    {"_Z3fooi", "foo(int)"},
    {"_ZL4sfuni", "sfun(int)"},
    {"_Z3barv", "bar()"},
    {"_ZNK2ns1A3getEv", "ns::A::get() const"},
    {"_ZN2ns1A3setEiPKc", "ns::A::set(int, char const*)"},
    {"_ZN2ns1AC1Ev", "ns::A::A()"},
    {"_ZN2ns1AD2Ev", "ns::A::~A()"},
    {"_ZN2ns1AaSERKS0_", "ns::A::operator=(ns::A const&)"},
    {"_ZNK2ns1AltERKS0_", "ns::A::operator<(ns::A const&) const"},
    {"_ZNK2ns1AcviEv", "ns::A::operator int() const"},
    {"_ZNR2ns1A1rEv", "ns::A::r() &"},
    {"_ZNO2ns1A2rrEv", "ns::A::rr() &&"},
    {"_ZN2ns1A2stEPViy", "ns::A::st(int volatile*, unsigned long long)"},
    {"_ZN2ns4maxvIiEET_S1_S1_", "int ns::maxv<int>(int, int)"},
    {"_Z4tmaxIlET_S0_S0_", "long tmax<long>(long, long)"},
    {"_ZN2ns1BIcLi3EE1fEc", "ns::B<char, 3>::f(char)"},
    {"_ZN2ns12_GLOBAL__N_14anonEd", "ns::(anonymous namespace)::anon(double)"},
    {"_Z4vec2RSt6vectorIS_IiSaIiEESaIS1_EE",
     "vec2(std::vector<std::vector<int, std::allocator<int> >, std::allocator<std::vector<int, std::allocator<int> > > >&)"},
    {"_Z5boolsbahstlfdewDsDi",
     "bools(bool, signed char, unsigned char, short, unsigned short, long, float, double, long double, wchar_t, char16_t, char32_t)"},
    {"_Z4ptrsPPiPKiS_PVKcOiPv",
     "ptrs(int**, int const*, int*, char const volatile*, int&&, void*)"},
    {"_Z4litsILb1ELj5EEvv", "void lits<true, 5u>()"},
    {"_Z1fILin5EEvv", "void f<-5>()"},
    {"_ZSt4moveIRiEONSt16remove_referenceIT_E4typeEOS2_",
     "std::remove_reference<int&>::type&& std::move<int&>(int&)"},
    {"_ZNSaIiEC1Ev", "std::allocator<int>::allocator()"},
    {"_ZNKSt6vectorIiSaIiEE4sizeEv", "std::vector<int, std::allocator<int> >::size() const"},
    {"_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4sizeEv",
     "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::size() const"},
    {"_ZNSt8ios_base7failureB5cxx11D1Ev", "std::ios_base::failure[abi:cxx11]::~failure()"},
    {"_Z3fooB5cxx11v", "foo[abi:cxx11]()"},
    {"_Z1fSs", "f(std::basic_string<char, std::char_traits<char>, std::allocator<char> >)"},
    {"_Z5qsortPvmmPFiPKvS1_E",
     "qsort(void*, unsigned long, unsigned long, int (*)(void const*, void const*))"},
    {"_Z1hRFivES0_", "h(int (&)(), int (&)())"},
    {"_ZTVN2ns1AE", "vtable for ns::A"},
    {"_ZTIN2ns1AE", "typeinfo for ns::A"},
    {"_ZThn8_N2ns1A3getEv", "non-virtual thunk to ns::A::get()"},
    {"_ZN2ns1AplERKS0_", "ns::A::operator+(ns::A const&)"},
    {"_ZN2ns1AnwEm", "ns::A::operator new(unsigned long)"},
};

TEST(test_demangle_matches_cxxfilt_on_a_table)
{
    char buf[1024];
    size_t i;
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *got = demangle(table[i].mangled, buf, sizeof buf);
        if (!CHECK(got != NULL)) {
            printf("  for: %s\n", table[i].mangled);
            continue;
        }
        CHECK_STR_EQ(got, table[i].plain);
    }
}

TEST(test_demangle_leaves_what_it_does_not_understand)
{
    /* local names, packs, arrays, expressions: shown mangled by the
     * caller, never half-demangled */
    static const char *const left[] = {"_ZZ4mainE1x",
                                       "_Z4packIJiEEvDpT_",
                                       "_Z3arrRA3_i",
                                       "_Z1fIiEDTcl1gT_EES0_",
                                       "_ZN2ns3hotEi.extra",
                                       "_ZN2ns3hot",
                                       "_ZN2ns3hotE_",
                                       "_Z",
                                       "_ZS9_",
                                       "_Z3fooIT_Ev"};
    char buf[256] = "untouched";
    size_t i;
    for (i = 0; i < sizeof left / sizeof left[0]; i++) {
        if (!CHECK(demangle(left[i], buf, sizeof buf) == NULL))
            printf("  for: %s, got %s\n", left[i], buf);
    }
    CHECK_STR_EQ(buf, "untouched");
}

TEST(test_demangle_only_mangled_names)
{
    char buf[64] = "x";
    CHECK(demangle("sum_window", buf, sizeof buf) == NULL);
    CHECK(demangle("main", buf, sizeof buf) == NULL);
    CHECK(demangle("", buf, sizeof buf) == NULL);
    CHECK(demangle(NULL, buf, sizeof buf) == NULL);
    CHECK_STR_EQ(buf, "x");
}

TEST(test_demangle_refuses_a_buffer_too_small)
{
    char buf[32];
    CHECK(demangle("_ZN2ns3hotEi", buf, 12) == NULL); /* "ns::hot(int)" needs 13 */
    CHECK(demangle("_ZN2ns3hotEi", buf, 13) != NULL);
    CHECK_STR_EQ(buf, "ns::hot(int)");
    CHECK(demangle("_ZN2ns3hotEi", buf, 0) == NULL);
}
