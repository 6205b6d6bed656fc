# bash completion for bench(1) and for any program whose main is
# bench_main(3): options, --format's values, files for -o and --compare,
# and the group and case names the program itself lists (PROG --list).
#
# Installed by `make install` as share/bash-completion/completions/bench,
# which bash-completion loads the first time `bench` is completed. For a
# program of your own, after sourcing this file:
#   complete -F _bench mine_bench
#
# The options are read from the program's --help, so they follow its
# version; the list below is used when that gives none.

_bench_fallback_opts='-l --list --sizes -n --number -r --repeat --min-time --precision
--format -o --output --plot --compare --threshold --timeout --processes --exclude
--no-isolate --latency -q --quiet --no-color -v --verbose -h --help -V --version
--instructions --cache-sim --counters'
_bench_fallback_valued='--sizes -n --number -r --repeat --min-time --precision
--format -o --output --plot --compare --threshold --timeout --processes --exclude'
_bench_formats='table json csv markdown html timeit'
_bench_profile_formats='table folded json html'
_bench_report_formats='html svg'
_bench_commands='timeit profile report'

# The help of the program (or of its subcommand $2), once per program path,
# subcommand and shell.
_bench_help()
{
    if [[ "$1 $2" != "$_bench_help_for" ]]; then
        _bench_help_for="$1 $2"
        _bench_help_text=$("$1" $2 --help 2>/dev/null)
    fi
    printf '%s\n' "$_bench_help_text"
}

# The options the help documents, one a line, each with 1 when it takes a
# value and 0 when not. Only the help's option lines count (two blanks and
# "-x", or six and "--xx"; not the indented lines that go on a description),
# and on them the option that starts the line, its aliases after ", " and
# any further option after ", " or "; " ("-q, --quiet  no progress;
# --no-color  no color", "--hz HZ, --sort self|cumulative, --top K"), so an
# "-O2" or a "python -m" in a description is none. An option takes a value
# when one blank and a placeholder follow it: an upper-case word (FILE, SEC)
# or a|b choices; a short alias shares its long option's.
_bench_parse()
{
    _bench_help "$1" "$2" | awk '/^(  -[A-Za-z]|      --[A-Za-z])/ {
        line = $0; short = ""; re = "^ +-[-]?[A-Za-z][A-Za-z0-9-]*"
        while (match(line, re)) {
            tok = substr(line, RSTART, RLENGTH); sub(/^[ ,;]+/, "", tok)
            line = substr(line, RSTART + RLENGTH)
            re = "^[,;] +-[-]?[A-Za-z][A-Za-z0-9-]*"
            if (tok !~ /^--/ && line ~ /^, --/) { short = tok; continue }
            v = line ~ /^ ([A-Z][A-Z0-9_]*|[a-z0-9]+([|][a-z0-9]+)+)([ ,;]|$)/
            if (short != "") print short, v
            print tok, v
            short = ""
            if (match(line, /[,;] +-/)) line = substr(line, RSTART); else line = ""
        }
    }'
}

# Every option the help documents, one a line.
_bench_opts()
{
    local opts
    opts=$(_bench_parse "$1" "$2" | awk '{ print $1 }' | sort -u)
    printf '%s\n' "${opts:-$_bench_fallback_opts}"
}

# The options that take a value: "-o, --output FILE", "--sizes LIST".
_bench_valued()
{
    local valued
    valued=$(_bench_parse "$1" "$2" | awk '$2 == 1 { print $1 }')
    printf '%s\n' "${valued:-$_bench_fallback_valued}"
}

_bench()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd=${COMP_WORDS[0]} names sub=''
    local formats=$_bench_formats
    COMPREPLY=()
    # bench profile ..., bench timeit ...: that subcommand's options.
    if ((COMP_CWORD > 1)) && [[ " $_bench_commands " == *" ${COMP_WORDS[1]} "* ]]; then
        sub=${COMP_WORDS[1]}
    fi
    # --format's values: bench's and timeit's, profile's (timeit --profile
    # too), report's.
    if [[ $sub == profile || ($sub == timeit && " ${COMP_WORDS[*]} " == *" --profile "*) ]]; then
        formats=$_bench_profile_formats
    elif [[ $sub == report ]]; then
        formats=$_bench_report_formats
    fi
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # --format=js: bash splits the word at '=' (COMP_WORDBREAKS).
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    cmd=${cmd/#\~/$HOME}

    case $prev in
    --format)
        mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
        return 0
        ;;
    -o | --output | --compare | --plot)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    -*)
        # Any other option with a value (--sizes, -n, ...): nothing to offer.
        if [[ " $(_bench_valued "$cmd" "$sub" | tr '\n' ' ') " == *" $prev "* ]]; then
            return 0
        fi
        ;;
    esac

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_bench_opts "$cmd" "$sub")" -- "$cur")
        return 0
    fi
    # timeit's words are C statements, report's are files.
    if [[ $sub == timeit || $sub == report ]]; then
        compopt -o filenames 2>/dev/null
        [[ $sub == report ]] && mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
    fi
    # A pattern: a group or a case, as the program lists them; first, a
    # subcommand too.
    names=$("$cmd" --list 2>/dev/null | awk 'NF { print $1; if (index($1, "/")) {
        sub("/.*", "", $1); print $1 } }' | sort -u)
    ((COMP_CWORD == 1)) && names="$names $_bench_commands"
    mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
    return 0
}

complete -F _bench bench
