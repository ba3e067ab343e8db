"""
    Vosia

A small Julia binding of vosia (IVOA Simple Image Access client) over its C API, vosia 0.2
(`include/vosia.h`), through `ccall`. No Julia runs on the build machines: the `ccall`s and
constants are checked against the header by `tests/julia/check_names.py` instead (see
README.md).

    include("Vosia.jl"); using .Vosia
    svc = Service("http://127.0.0.1:8080/siatest/q/i/siap.xml?", Vosia.SIA1)
    q = Query(svc); Vosia.set_pos!(q, 10.68, 41.27); Vosia.set_size!(q, 0.2)
    res = Vosia.execute(q)
    urls = Vosia.get_std_text_column(res, :access_url)     # Vector{Union{Missing,String}}
    ra = Vosia.get_std_double_column(res, Vosia.FIELD_RA)  # Vector{Union{Missing,Float64}}, degrees

Conventions:
- `Service`, `Query` and `Results` own their handles and free them in finalizers (vosia lets
  handles be freed in any order); `close(x)` frees one early. The `Results` of
  [`execute_all`](@ref) are lent by its batch handle instead, which each of them keeps alive.
- Rows and columns are 1-based. A column is given by number or by name (as
  `vosia_results_column_index` finds it). A standard field is a `FIELD_*` constant (its value
  in vosia.h, a key, not a position) or its name as a Symbol or string (`:access_url`).
- A null cell is `missing`; an absent thing (an attribute a FIELD does not set, a column
  that is not there, a standard field the results lack) is `nothing`.
- Every failure throws `VosiaError(status, message)`, the message being `vosia_last_error()`
  read right after the failing call (a Task moves between threads only at a yield point, and
  there is none in between), or for `execute` the query's own `vosia_query_error`.
- Strings vosia lends (owned by a handle) are copied with `unsafe_string` while the handle
  is kept alive with `GC.@preserve`; the `copy_*` twins are not needed.
"""
module Vosia

export Service, Query, Results, VosiaError, Outcome

# The library: ENV["VOSIA_LIB"] (a path) when set, else libvosia on the loader's search path.
const libvosia = get(ENV, "VOSIA_LIB", "libvosia")

# Constants, by value from include/vosia.h (VOSIA_ prefix dropped); only those used here.
# tests/julia/check_names.py checks every value against the header.
const VERSION_NUMBER = Int32(0x000200)  # the 0.2 API this file follows

const SIA1 = Int32(1)
const SIA2 = Int32(2)

const OK = Int32(0)
const NULL_VALUE = Int32(1)
const E_INVALID_ARG = Int32(11)
const E_CONNECT = Int32(30)
const E_CANCELLED = Int32(60)

const ATTR_NAME = Int32(1)
const ATTR_ID = Int32(2)
const ATTR_UCD = Int32(3)
const ATTR_UTYPE = Int32(4)
const ATTR_UNIT = Int32(5)
const ATTR_XTYPE = Int32(6)
const ATTR_ARRAYSIZE = Int32(7)
const ATTR_DESCRIPTION = Int32(8)
const ATTR_DATATYPE = Int32(9)
const ATTR_URL = Int32(13)

const PARAM_ID = Int32(20)
const PARAM_COLLECTION = Int32(21)
const PARAM_FACILITY = Int32(22)
const PARAM_INSTRUMENT = Int32(23)
const PARAM_DPTYPE = Int32(24)
const PARAM_TARGET = Int32(25)
const PARAM_POL = Int32(26)

# A few standard fields; every other one is reachable by name (vosia_field_by_name).
const FIELD_ACCESS_URL = Int32(0)
const FIELD_FORMAT = Int32(1)
const FIELD_TITLE = Int32(2)
const FIELD_RA = Int32(3)
const FIELD_DEC = Int32(4)
const FIELD_MJD_OBS = Int32(6)

const _TEXT_PARAMS = Dict(:id => PARAM_ID, :collection => PARAM_COLLECTION,
                          :facility => PARAM_FACILITY, :instrument => PARAM_INSTRUMENT,
                          :dptype => PARAM_DPTYPE, :target => PARAM_TARGET, :pol => PARAM_POL)
const _COLUMN_ATTRS = (:name => ATTR_NAME, :id => ATTR_ID, :ucd => ATTR_UCD,
                       :utype => ATTR_UTYPE, :unit => ATTR_UNIT, :xtype => ATTR_XTYPE,
                       :arraysize => ATTR_ARRAYSIZE, :description => ATTR_DESCRIPTION,
                       :datatype => ATTR_DATATYPE)

# ------------------------------------------------------------------------------ errors

"A failed vosia call: `status` is its VOSIA_E_* code, `message` the library's detail."
struct VosiaError <: Exception
    status::Int32
    message::String
end
Base.showerror(io::IO, e::VosiaError) = print(io, "VosiaError ", e.status, ": ", e.message)

"The static text of a status code (vosia_strerror)."
strerror(status::Integer) =
    unsafe_string(ccall((:vosia_strerror, libvosia), Cstring, (Cint,), status))

"The detail of the last failure on this thread (vosia_last_error)."
last_error() = unsafe_string(ccall((:vosia_last_error, libvosia), Cstring, ()))

"The status of the last failure on this thread (vosia_last_status)."
last_status() = ccall((:vosia_last_status, libvosia), Cint, ())

_error(status::Integer, detail::AbstractString) =
    VosiaError(status, isempty(detail) ? strerror(status) : String(detail))

# Throws unless `status` is VOSIA_OK. Call it right on the status of a ccall: the detail is
# read before anything could yield.
function check(status::Integer)
    status == OK || throw(_error(status, last_error()))
    return nothing
end

# true on VOSIA_OK, false on VOSIA_NULL_VALUE (absent, not an error), else throws.
function _found(status::Integer)
    status == NULL_VALUE && return false
    check(status)
    return true
end

# A string borrowed from a handle, copied; `nothing` on VOSIA_NULL_VALUE. The caller keeps
# the owning handle alive (GC.@preserve) around both the ccall and this.
_borrowed(status::Integer, out::Ref{Cstring}) = _found(status) ? unsafe_string(out[]) : nothing

# For the functions that return a count or flag, -1 on failure.
function _count(n::Integer)
    n < 0 && throw(_error(last_status(), last_error()))
    return Int(n)
end

# ----------------------------------------------------------------------------- version

"The version of the library loaded (vosia_version), e.g. v\"0.2.0\"."
version() = VersionNumber(unsafe_string(ccall((:vosia_version, libvosia), Cstring, ())))

"The version of the library loaded as (MAJOR << 16) | (MINOR << 8) | PATCH."
version_number() = ccall((:vosia_version_number, libvosia), Cint, ())

const _compatible = Ref(false)

# While the major version is 0 a new minor version may change the ABI: refuse another one.
function _ensure_compatible()
    _compatible[] && return nothing
    if version_number() >> 8 != VERSION_NUMBER >> 8
        error("Vosia.jl follows the vosia ", VERSION_NUMBER >> 16, ".", (VERSION_NUMBER >> 8) & 0xff,
              " C API, but the library loaded (", libvosia, ") is ", version())
    end
    _compatible[] = true
    return nothing
end

# ----------------------------------------------------------------------------- handles

"""
    Service(url, sia_version = SIA1)

An SIA service (vosia_service_new): its query endpoint and transport settings. No request
is made. See also [`discover`](@ref).
"""
mutable struct Service
    ptr::Ptr{Cvoid}
    # Every progress function ever installed, kept alive as long as the service: a request
    # already running may still call an older one.
    callbacks::Vector{Any}
    # Whether one is installed now (execute_all refuses the service then).
    progress_on::Bool
    Service(ptr::Ptr{Cvoid}) = finalizer(close, new(ptr, Any[], false))  # takes ownership
end

function Service(url::AbstractString, sia_version::Integer = SIA1)
    _ensure_compatible()
    out = Ref{Ptr{Cvoid}}(C_NULL)
    check(ccall((:vosia_service_new, libvosia), Cint, (Cstring, Int32, Ref{Ptr{Cvoid}}),
                url, sia_version, out))
    return Service(out[])
end

"""
    Query(service)

An empty query against `service` (vosia_query_new). One task at a time.
"""
mutable struct Query
    ptr::Ptr{Cvoid}
    service::Service  # the C query keeps the C service alive; this keeps its callbacks
    function Query(s::Service)
        out = Ref{Ptr{Cvoid}}(C_NULL)
        check(ccall((:vosia_query_new, libvosia), Cint, (Ptr{Cvoid}, Ref{Ptr{Cvoid}}), s, out))
        return finalizer(close, new(out[], s))
    end
end

"""
An immutable, fully parsed response: from [`execute`](@ref), [`parse_votable`](@ref),
[`parse_file`](@ref) or [`execute_all`](@ref). Any number of tasks may read it at once.
"""
mutable struct Results
    ptr::Ptr{Cvoid}
    # `nothing` when this object owns the handle; else the owner of a lent one (the batch of
    # execute_all), kept alive as long as this object, which never frees the handle itself.
    owner::Any
    Results(ptr::Ptr{Cvoid}) = finalizer(close, new(ptr, nothing))  # takes ownership
    Results(ptr::Ptr{Cvoid}, owner) = new(ptr, owner)  # borrows from `owner`
end

# Passing the object itself to ccall (as Ptr{Cvoid}) keeps it rooted during the call. A
# closed handle passes NULL, which vosia answers with VOSIA_E_NULL_ARG.
Base.unsafe_convert(::Type{Ptr{Cvoid}}, s::Service) = s.ptr
Base.unsafe_convert(::Type{Ptr{Cvoid}}, q::Query) = q.ptr
Base.unsafe_convert(::Type{Ptr{Cvoid}}, r::Results) = r.ptr

function Base.close(s::Service)
    ptr, s.ptr = s.ptr, C_NULL
    ccall((:vosia_service_free, libvosia), Cvoid, (Ptr{Cvoid},), ptr)
    return nothing
end
function Base.close(q::Query)
    ptr, q.ptr = q.ptr, C_NULL
    ccall((:vosia_query_free, libvosia), Cvoid, (Ptr{Cvoid},), ptr)
    return nothing
end
function Base.close(r::Results)
    ptr, r.ptr = r.ptr, C_NULL
    owner, r.owner = r.owner, nothing
    # A lent handle is only let go of: its owner frees it.
    owner === nothing && ccall((:vosia_results_free, libvosia), Cvoid, (Ptr{Cvoid},), ptr)
    return nothing
end

# ----------------------------------------------------------------------------- service

"""
    discover(url; timeout = 0)

The SIA 2.0 service found from a VOSI capabilities URL or a service base URL
(vosia_service_discover; one or two requests). `timeout` in seconds, 0 for the default.
"""
function discover(url::AbstractString; timeout::Real = 0)
    _ensure_compatible()
    out = Ref{Ptr{Cvoid}}(C_NULL)
    check(ccall((:vosia_service_discover, libvosia), Cint, (Cstring, Cdouble, Ref{Ptr{Cvoid}}),
                url, timeout, out))
    return Service(out[])
end

"The base URL of the service, as given or discovered."
function url(s::Service)
    out = Ref{Cstring}()
    return GC.@preserve s _borrowed(
        ccall((:vosia_service_get_attr, libvosia), Cint, (Ptr{Cvoid}, Int32, Ref{Cstring}),
              s, ATTR_URL, out), out)
end

"Whole-request timeout in seconds (> 0), retries included."
function set_timeout!(s::Service, seconds::Real)
    check(ccall((:vosia_service_set_timeout, libvosia), Cint, (Ptr{Cvoid}, Cdouble), s, seconds))
    return s
end

"Connect timeout in seconds (> 0), name resolution included."
function set_connect_timeout!(s::Service, seconds::Real)
    check(ccall((:vosia_service_set_connect_timeout, libvosia), Cint, (Ptr{Cvoid}, Cdouble),
                s, seconds))
    return s
end

"Retries on HTTP 429/503: at most `max_retries` more attempts within `max_wait` seconds."
function set_retries!(s::Service, max_retries::Integer, max_wait::Real = 30.0)
    check(ccall((:vosia_service_set_retries, libvosia), Cint, (Ptr{Cvoid}, Int32, Cdouble),
                s, max_retries, max_wait))
    return s
end

"A header sent with every request of the service (e.g. Authorization)."
function add_header!(s::Service, name::AbstractString, value::AbstractString)
    check(ccall((:vosia_service_add_header, libvosia), Cint, (Ptr{Cvoid}, Cstring, Cstring),
                s, name, value))
    return s
end

"Lets a redirect to `origin` (\"scheme://host[:port]\") carry the add_header! headers."
function trust_redirects_to!(s::Service, origin::AbstractString)
    check(ccall((:vosia_service_trust_redirects_to, libvosia), Cint, (Ptr{Cvoid}, Cstring),
                s, origin))
    return s
end

# The one C progress function: `user` points at a Ref{Any} holding the Julia callable. An
# exception must not unwind through the library: it cancels, and execute rethrows it.
function _progress_trampoline(done::Int64, total::Int64, user::Ptr{Cvoid})::Int32
    try
        f = unsafe_pointer_to_objref(user)::Base.RefValue{Any}
        return f[](done, total < 0 ? nothing : total) === true ? Int32(1) : Int32(0)
    catch e
        task_local_storage(:vosia_progress_error, e)
        return Int32(1)
    end
end

"""
    set_progress!(service, f)

Calls `f(done, total)` as every response body of the service is read (`total` is `nothing`
when the server did not say), on the task making the request. Returning `true` cancels the
transfer: the call throws `VosiaError(E_CANCELLED, ...)`; an exception thrown by `f` cancels
it too and is rethrown. `nothing` removes it. `f` must not use this service's queries.
[`execute_all`](@ref) refuses the queries of a service with a progress function.
"""
function set_progress!(s::Service, f)
    if f === nothing
        check(ccall((:vosia_service_set_progress, libvosia), Cint,
                    (Ptr{Cvoid}, Ptr{Cvoid}, Ptr{Cvoid}), s, C_NULL, C_NULL))
        s.progress_on = false
        return s
    end
    box = Ref{Any}(f)
    push!(s.callbacks, box)
    fn = @cfunction(_progress_trampoline, Int32, (Int64, Int64, Ptr{Cvoid}))
    check(ccall((:vosia_service_set_progress, libvosia), Cint,
                (Ptr{Cvoid}, Ptr{Cvoid}, Ptr{Cvoid}), s, fn, pointer_from_objref(box)))
    s.progress_on = true
    return s
end

# ------------------------------------------------------------------------------- query

"SIA 1.0: POS=ra,dec (ICRS degrees)."
function set_pos!(q::Query, ra::Real, dec::Real)
    check(ccall((:vosia_query_set_pos, libvosia), Cint, (Ptr{Cvoid}, Cdouble, Cdouble),
                q, ra, dec))
    return q
end

"SIA 1.0: SIZE in degrees along RA and Dec."
function set_size!(q::Query, ra::Real, dec::Real = ra)
    check(ccall((:vosia_query_set_size, libvosia), Cint, (Ptr{Cvoid}, Cdouble, Cdouble),
                q, ra, dec))
    return q
end

"SIA 2.0: adds POS=CIRCLE ra dec radius (ICRS degrees)."
function add_circle!(q::Query, ra::Real, dec::Real, radius::Real)
    check(ccall((:vosia_query_add_circle, libvosia), Cint,
                (Ptr{Cvoid}, Cdouble, Cdouble, Cdouble), q, ra, dec, radius))
    return q
end

"""
    add_text!(query, param, value)

SIA 2.0: adds a value of a text parameter, `PARAM_*` or one of `:id`, `:collection`,
`:facility`, `:instrument`, `:dptype`, `:target`, `:pol`. Several values are OR-ed.
"""
function add_text!(q::Query, param::Union{Integer,Symbol}, value::AbstractString)
    p = param isa Symbol ? _TEXT_PARAMS[param] : param
    check(ccall((:vosia_query_add_text, libvosia), Cint, (Ptr{Cvoid}, Int32, Cstring),
                q, p, value))
    return q
end

"Sets any parameter by name, replacing its earlier values (sent as given, percent-encoded)."
function set_param!(q::Query, name::AbstractString, value)
    check(ccall((:vosia_query_set_param, libvosia), Cint, (Ptr{Cvoid}, Cstring, Cstring),
                q, name, string(value)))
    return q
end

"MAXREC, the most records to return (0: metadata only)."
function set_maxrec!(q::Query, maxrec::Integer)
    check(ccall((:vosia_query_set_maxrec, libvosia), Cint, (Ptr{Cvoid}, Int64), q, maxrec))
    return q
end

"Exactly the URL `execute` will GET."
function url(q::Query)
    out = Ref{Cstring}()
    return GC.@preserve q _borrowed(
        ccall((:vosia_query_url, libvosia), Cint, (Ptr{Cvoid}, Ref{Cstring}), q, out), out)
end

"The detail of the query's last failed `execute` (\"\" if none)."
function query_error(q::Query)
    out = Ref{Cstring}()
    return GC.@preserve q something(_borrowed(
        ccall((:vosia_query_error, libvosia), Cint, (Ptr{Cvoid}, Ref{Cstring}), q, out), out), "")
end

"""
    execute(query) -> Results

Sends the query and reads the whole response (blocks this task's thread). Throws a
`VosiaError` carrying the query's error text (or what a progress function threw).
"""
function execute(q::Query)
    out = Ref{Ptr{Cvoid}}(C_NULL)
    tls = task_local_storage()
    delete!(tls, :vosia_progress_error)
    status = ccall((:vosia_query_execute, libvosia), Cint, (Ptr{Cvoid}, Ref{Ptr{Cvoid}}), q, out)
    if status != OK
        detail = last_error()
        status == E_CANCELLED && haskey(tls, :vosia_progress_error) &&
            throw(pop!(tls, :vosia_progress_error))
        qe = query_error(q)
        throw(_error(status, isempty(qe) ? detail : qe))
    end
    return Results(out[])
end

# ----------------------------------------------------------------------------- results

"""
    parse_votable(data, sia_version = SIA1) -> Results

Parses a VOTable response held in memory (bytes or a string).
"""
function parse_votable(data::Union{AbstractVector{UInt8},AbstractString}, sia_version::Integer = SIA1)
    _ensure_compatible()
    bytes = data isa AbstractString ? String(data) : Vector{UInt8}(data)
    out = Ref{Ptr{Cvoid}}(C_NULL)
    check(ccall((:vosia_results_parse, libvosia), Cint,
                (Ptr{UInt8}, Csize_t, Int32, Ref{Ptr{Cvoid}}), bytes, sizeof(bytes), sia_version, out))
    return Results(out[])
end

"Parses a VOTable response from a file, streaming it."
function parse_file(path::AbstractString, sia_version::Integer = SIA1)
    _ensure_compatible()
    out = Ref{Ptr{Cvoid}}(C_NULL)
    check(ccall((:vosia_results_parse_file, libvosia), Cint, (Cstring, Int32, Ref{Ptr{Cvoid}}),
                path, sia_version, out))
    return Results(out[])
end

row_count(r::Results) = _count(ccall((:vosia_results_row_count, libvosia), Int64, (Ptr{Cvoid},), r))
column_count(r::Results) =
    _count(ccall((:vosia_results_column_count, libvosia), Int32, (Ptr{Cvoid},), r))
Base.size(r::Results) = (row_count(r), column_count(r))

"true if the service reported QUERY_STATUS=OVERFLOW (more records matched than returned)."
overflow(r::Results) =
    _count(ccall((:vosia_results_overflow, libvosia), Int32, (Ptr{Cvoid},), r)) == 1

function Base.show(io::IO, r::Results)
    r.ptr == C_NULL && return print(io, "Vosia.Results(closed)")
    print(io, "Vosia.Results(", row_count(r), " rows × ", column_count(r), " columns)")
end

"The 1-based column whose name, else ID, is `name` (exact case first); `nothing` if none."
function column_index(r::Results, name::AbstractString)
    out = Ref{Int32}()
    status = ccall((:vosia_results_column_index, libvosia), Cint,
                   (Ptr{Cvoid}, Cstring, Ref{Int32}), r, name, out)
    return _found(status) ? Int(out[]) + 1 : nothing
end

"The 1-based column best matching `ucd` (word by word, as pyvo); `nothing` if none."
function column_by_ucd(r::Results, ucd::AbstractString)
    out = Ref{Int32}()
    status = ccall((:vosia_results_column_by_ucd, libvosia), Cint,
                   (Ptr{Cvoid}, Cstring, Ref{Int32}), r, ucd, out)
    return _found(status) ? Int(out[]) + 1 : nothing
end

"""
The standard field `field` as the Int32 key vosia takes: a `FIELD_*` value, or a name
(`:access_url`, "t_exptime"; vosia_field_by_name, case-insensitive).
"""
field(f::Integer) = Int32(f)
function field(name::Union{Symbol,AbstractString})
    out = Ref{Int32}()
    status = ccall((:vosia_field_by_name, libvosia), Cint, (Cstring, Ref{Int32}), string(name), out)
    _found(status) || throw(ArgumentError("vosia has no standard field named $(repr(string(name)))"))
    return out[]
end

"""
The 1-based column holding standard field `field`; `nothing` if the results have none, or
the field is computed from two columns (SIA 2.0 MJD_OBS, EM_REF, NAXIS).
"""
function std_column(r::Results, f)
    out = Ref{Int32}()
    status = ccall((:vosia_results_std_column, libvosia), Cint,
                   (Ptr{Cvoid}, Int32, Ref{Int32}), r, field(f), out)
    return _found(status) ? Int(out[]) + 1 : nothing
end

# 0-based indices for the C side.
_row(row::Integer) = Int64(row) - 1
_col(::Results, col::Integer) = Int32(col - 1)
function _col(r::Results, name::Union{AbstractString,Symbol})
    c = column_index(r, string(name))
    c === nothing && throw(KeyError(name))
    return Int32(c - 1)
end
_rows(r::Results, rows::AbstractUnitRange{<:Integer}) = (Int64(first(rows)) - 1, Int64(length(rows)))

"""
    column_attr(results, col, attr)

Attribute `attr` (`ATTR_NAME`, `ATTR_ID`, `ATTR_UCD`, `ATTR_UTYPE`, `ATTR_UNIT`,
`ATTR_XTYPE`, `ATTR_ARRAYSIZE`, `ATTR_DESCRIPTION`, `ATTR_DATATYPE`) of column `col` as its
FIELD declares it; `nothing` when the FIELD does not set it.
"""
function column_attr(r::Results, col, attr::Integer)
    out = Ref{Cstring}()
    c = _col(r, col)
    return GC.@preserve r _borrowed(
        ccall((:vosia_results_get_column_attr, libvosia), Cint,
              (Ptr{Cvoid}, Int32, Int32, Ref{Cstring}), r, c, attr, out), out)
end

"Every attribute column `col` sets, as a Dict (:name, :id, :ucd, :unit, :datatype, ...)."
function column_attrs(r::Results, col)
    attrs = Dict{Symbol,String}()
    for (key, attr) in _COLUMN_ATTRS
        value = column_attr(r, col, attr)
        value === nothing || (attrs[key] = value)
    end
    return attrs
end

"The names of the columns, in order."
column_names(r::Results) = [something(column_attr(r, c, ATTR_NAME), "") for c in 1:column_count(r)]

"true if the cell is null."
is_null(r::Results, row::Integer, col) =
    _count(ccall((:vosia_results_is_null, libvosia), Int32, (Ptr{Cvoid}, Int64, Int32),
                 r, _row(row), _col(r, col))) == 1

# --------------------------------------------------------------------------- cells

"A numeric cell as Float64 (integers widen); `missing` if null."
function get_double(r::Results, row::Integer, col)
    out = Ref{Cdouble}()
    status = ccall((:vosia_results_get_double, libvosia), Cint,
                   (Ptr{Cvoid}, Int64, Int32, Ref{Cdouble}), r, _row(row), _col(r, col), out)
    return _found(status) ? out[] : missing
end

"An integer (or boolean, 0/1) cell as Int64; `missing` if null."
function get_int64(r::Results, row::Integer, col)
    out = Ref{Int64}()
    status = ccall((:vosia_results_get_int64, libvosia), Cint,
                   (Ptr{Cvoid}, Int64, Int32, Ref{Int64}), r, _row(row), _col(r, col), out)
    return _found(status) ? out[] : missing
end

"A text cell (char or unicodeChar column); `missing` if null or empty."
function get_str(r::Results, row::Integer, col)
    out = Ref{Cstring}()
    c = _col(r, col)
    s = GC.@preserve r _borrowed(
        ccall((:vosia_results_get_str, libvosia), Cint,
              (Ptr{Cvoid}, Int64, Int32, Ref{Cstring}), r, _row(row), c, out), out)
    return something(s, missing)
end

"Any cell as text (numbers in shortest round-trip form, arrays space-separated); `missing` if null."
function get_text(r::Results, row::Integer, col)
    out = Ref{Cstring}()
    c = _col(r, col)
    s = GC.@preserve r _borrowed(
        ccall((:vosia_results_get_text, libvosia), Cint,
              (Ptr{Cvoid}, Int64, Int32, Ref{Cstring}), r, _row(row), c, out), out)
    return something(s, missing)
end

"Standard field `field` of a row as a number in its fixed unit; `missing` if null or absent."
function get_std_double(r::Results, row::Integer, f)
    out = Ref{Cdouble}()
    status = ccall((:vosia_results_get_std_double, libvosia), Cint,
                   (Ptr{Cvoid}, Int64, Int32, Ref{Cdouble}), r, _row(row), field(f), out)
    return _found(status) ? out[] : missing
end

"Standard field `field` of a row as text; `missing` if null or absent."
function get_std_str(r::Results, row::Integer, f)
    out = Ref{Cstring}()
    k = field(f)
    s = GC.@preserve r _borrowed(
        ccall((:vosia_results_get_std_str, libvosia), Cint,
              (Ptr{Cvoid}, Int64, Int32, Ref{Cstring}), r, _row(row), k, out), out)
    return something(s, missing)
end

# ------------------------------------------------------------------- whole columns

_with_missing(::Type{T}, values::Vector{T}, nulls::Vector{Int32}) where {T} =
    Union{Missing,T}[z == 0 ? v : missing for (v, z) in zip(values, nulls)]

"""
    get_double_column(results, col, rows = 1:row_count(results); nan = false)

Rows `rows` of a numeric column in one call (integers widen): a
`Vector{Union{Missing,Float64}}`, or with `nan = true` a `Vector{Float64}` with NaN for nulls.
"""
function get_double_column(r::Results, col, rows::AbstractUnitRange{<:Integer} = 1:row_count(r);
                           nan::Bool = false)
    first_row, n = _rows(r, rows)
    values = Vector{Float64}(undef, n)
    nulls = Vector{Int32}(undef, nan ? 0 : n)
    check(ccall((:vosia_results_get_double_column, libvosia), Cint,
                (Ptr{Cvoid}, Int32, Int64, Int64, Ptr{Cdouble}, Ptr{Int32}),
                r, _col(r, col), first_row, n, values, nan ? C_NULL : nulls))
    return nan ? values : _with_missing(Float64, values, nulls)
end

"Rows `rows` of an integer (or boolean) column: a `Vector{Union{Missing,Int64}}`."
function get_int64_column(r::Results, col, rows::AbstractUnitRange{<:Integer} = 1:row_count(r))
    first_row, n = _rows(r, rows)
    values = Vector{Int64}(undef, n)
    nulls = Vector{Int32}(undef, n)
    check(ccall((:vosia_results_get_int64_column, libvosia), Cint,
                (Ptr{Cvoid}, Int32, Int64, Int64, Ptr{Int64}, Ptr{Int32}),
                r, _col(r, col), first_row, n, values, nulls))
    return _with_missing(Int64, values, nulls)
end

"Rows `rows` of any column as text: a `Vector{Union{Missing,String}}`."
function get_text_column(r::Results, col, rows::AbstractUnitRange{<:Integer} = 1:row_count(r))
    first_row, n = _rows(r, rows)
    c = _col(r, col)
    ptrs = Vector{Ptr{UInt8}}(undef, n)
    return GC.@preserve r begin
        check(ccall((:vosia_results_get_text_column, libvosia), Cint,
                    (Ptr{Cvoid}, Int32, Int64, Int64, Ptr{Ptr{UInt8}}), r, c, first_row, n, ptrs))
        Union{Missing,String}[p == C_NULL ? missing : unsafe_string(p) for p in ptrs]
    end
end

"""
    get_std_double_column(results, field, rows = 1:row_count(results); nan = false)

Standard field `field` (a number field) for rows `rows`, in its fixed unit: a
`Vector{Union{Missing,Float64}}` (with `nan = true` a `Vector{Float64}`, NaN for nulls), or
`nothing` when the results do not have the field.
"""
function get_std_double_column(r::Results, f, rows::AbstractUnitRange{<:Integer} = 1:row_count(r);
                               nan::Bool = false)
    first_row, n = _rows(r, rows)
    values = Vector{Float64}(undef, n)
    nulls = Vector{Int32}(undef, nan ? 0 : n)
    status = ccall((:vosia_results_get_std_double_column, libvosia), Cint,
                   (Ptr{Cvoid}, Int32, Int64, Int64, Ptr{Cdouble}, Ptr{Int32}),
                   r, field(f), first_row, n, values, nan ? C_NULL : nulls)
    _found(status) || return nothing
    return nan ? values : _with_missing(Float64, values, nulls)
end

"""
Standard field `field` for rows `rows` as text: a `Vector{Union{Missing,String}}`, or
`nothing` when the results do not have the field.
"""
function get_std_text_column(r::Results, f, rows::AbstractUnitRange{<:Integer} = 1:row_count(r))
    first_row, n = _rows(r, rows)
    k = field(f)
    ptrs = Vector{Ptr{UInt8}}(undef, n)
    return GC.@preserve r begin
        status = ccall((:vosia_results_get_std_text_column, libvosia), Cint,
                       (Ptr{Cvoid}, Int32, Int64, Int64, Ptr{Ptr{UInt8}}), r, k, first_row, n, ptrs)
        _found(status) ?
            Union{Missing,String}[p == C_NULL ? missing : unsafe_string(p) for p in ptrs] : nothing
    end
end

# ------------------------------------------------------------------------------- batch

# Owner of a vosia_batch handle, which holds the results of every query that succeeded: freed
# by its finalizer only, once no Results lent by it is reachable (so never under a reader).
mutable struct _Batch
    ptr::Ptr{Cvoid}
    _Batch(ptr::Ptr{Cvoid}) = finalizer(_free_batch, new(ptr))  # takes ownership
end
Base.unsafe_convert(::Type{Ptr{Cvoid}}, b::_Batch) = b.ptr
function _free_batch(b::_Batch)
    ptr, b.ptr = b.ptr, C_NULL
    ccall((:vosia_batch_free, libvosia), Cvoid, (Ptr{Cvoid},), ptr)
    return nothing
end

"""
    Outcome

What one query of [`execute_all`](@ref) gave: `index`, its 1-based place among the queries,
and either `results` (a `Results`) or `error` (the `VosiaError` it failed with), the other
being `nothing`. `ok(outcome)` tells which.
"""
struct Outcome
    index::Int
    results::Union{Results,Nothing}
    error::Union{VosiaError,Nothing}
end

"true if the query of this outcome succeeded (its `results` are there)."
ok(o::Outcome) = o.error === nothing

"""
    execute_all(queries; jobs = 0, per_host = 0, min_interval = 0.0) -> Vector{Outcome}

Runs every `Query` of `queries` at once (vosia_batch_execute), each with its own service's
settings, and returns one [`Outcome`](@ref) per query, in order: a query that fails is an
outcome carrying its `VosiaError` (`E_CONNECT`, `E_HTTP`, ...), not an exception. At most
`jobs` run at a time (1 to 64; 0: 8), at most `per_host` against one host (scheme, host and
port; 0: 4), and request starts to one host are at least `min_interval` seconds apart; a
429/503 Retry-After pauses every request of the batch to that host.

The queries run on threads of the library's own, all joined before it returns; this task's
thread is blocked meanwhile, as in `execute`. They are only read, so one may appear more than
once, but none may be changed meanwhile. Their services must have no progress function
(`set_progress!`): vosia would call it on those threads, which Julia did not start
(`ArgumentError`). The `Results` of the outcomes are lent by one batch handle, which stays
alive as long as any of them does; `close` on one only lets go of it. Throws a `VosiaError`
for an argument error (`jobs` out of range, a closed query: nothing ran).
"""
function execute_all(queries; jobs::Integer = 0, per_host::Integer = 0, min_interval::Real = 0.0)
    qs = Query[q for q in queries]
    for (i, q) in enumerate(qs)
        q.service.progress_on && throw(ArgumentError(
            "query $i: its service has a progress function (set_progress!), which vosia " *
            "would call on threads Julia did not start; remove it with set_progress!(s, nothing)"))
    end
    handles = Ptr{Cvoid}[q.ptr for q in qs]
    out = Ref{Ptr{Cvoid}}(C_NULL)
    status = GC.@preserve qs ccall((:vosia_batch_execute, libvosia), Cint,
                                   (Ptr{Ptr{Cvoid}}, Int64, Int32, Int32, Cdouble, Ptr{Cvoid},
                                    Ptr{Cvoid}, Ref{Ptr{Cvoid}}),
                                   handles, length(handles), jobs, per_host, min_interval,
                                   C_NULL, C_NULL, out)
    out[] == C_NULL && check(status)  # an argument error: nothing ran, no handle
    # Otherwise the failures (if any) are per query, read below.
    b = _Batch(out[])
    n = _count(ccall((:vosia_batch_count, libvosia), Int64, (Ptr{Cvoid},), b))
    outcomes = Vector{Outcome}(undef, n)
    for i in 1:n
        st = Ref{Int32}(OK)
        check(ccall((:vosia_batch_status, libvosia), Cint, (Ptr{Cvoid}, Int64, Ref{Int32}),
                    b, i - 1, st))
        if st[] == OK
            r = Ref{Ptr{Cvoid}}(C_NULL)
            check(ccall((:vosia_batch_get_results, libvosia), Cint,
                        (Ptr{Cvoid}, Int64, Ref{Ptr{Cvoid}}), b, i - 1, r))
            outcomes[i] = Outcome(i, Results(r[], b), nothing)
        else
            text = Ref{Cstring}()
            detail = GC.@preserve b _borrowed(
                ccall((:vosia_batch_get_error, libvosia), Cint,
                      (Ptr{Cvoid}, Int64, Ref{Cstring}), b, i - 1, text), text)
            outcomes[i] = Outcome(i, nothing, _error(st[], something(detail, "")))
        end
    end
    return outcomes
end

end # module
