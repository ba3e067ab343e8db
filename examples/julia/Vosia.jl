"""
    Vosia

A minimal Julia binding of vosia (IVOA Simple Image Access client) through `ccall`. Untested
here (no Julia runtime on the build machines); see README.md.

    using .Vosia
    svc = Vosia.Service("http://127.0.0.1:8080/siatest/q/i/siap.xml?", Vosia.SIA1)
    q = Vosia.Query(svc); Vosia.set_pos!(q, 10.68, 41.27); Vosia.set_size!(q, 0.2)
    res = Vosia.execute(q)
    for i in 1:length(res)
        println(Vosia.std_str(res, i, Vosia.FIELD_ACCESS_URL), " ", Vosia.std_double(res, i, Vosia.FIELD_RA))
    end

Handles are freed by finalizers (in any order, as vosia allows). Rows are 1-based. Null cells
are `nothing`. Failures throw `VosiaError(status, message)`; the message is read with
`vosia_last_error()` right after the failing `ccall` (a Task only moves between threads at a
yield point) or, for `execute`, from `vosia_query_error`.
"""
module Vosia

# The library: ENV["VOSIA_LIB"] or libvosia on the loader's path.
const libvosia = get(ENV, "VOSIA_LIB", "libvosia")

const SIA1 = Int32(1)
const SIA2 = Int32(2)
const OK = Int32(0)
const NULL_VALUE = Int32(1)
const E_BUFFER_SIZE = Int32(16)
const FIELD_ACCESS_URL = Int32(0)
const FIELD_FORMAT = Int32(1)
const FIELD_TITLE = Int32(2)
const FIELD_RA = Int32(3)
const FIELD_DEC = Int32(4)
const FIELD_INSTRUMENT = Int32(5)
const FIELD_MJD_OBS = Int32(6)
const FIELD_NAXIS = Int32(8)
const FIELD_FILESIZE = Int32(23)
const FIELD_COLLECTION = Int32(24)

struct VosiaError <: Exception
    status::Int32
    message::String
end
Base.showerror(io::IO, e::VosiaError) = print(io, "vosia error ", e.status, ": ", e.message)

strerror(st::Integer) = unsafe_string(ccall((:vosia_strerror, libvosia), Cstring, (Int32,), st))
last_error() = unsafe_string(ccall((:vosia_last_error, libvosia), Cstring, ()))
version() = unsafe_string(ccall((:vosia_version, libvosia), Cstring, ()))

function check(st::Int32, detail::AbstractString = last_error())
    st == OK && return nothing
    throw(VosiaError(st, isempty(detail) ? strerror(st) : String(detail)))
end

mutable struct Service
    ptr::Ptr{Cvoid}
    function Service(url::AbstractString, sia_version::Integer = SIA1)
        out = Ref{Ptr{Cvoid}}(C_NULL)
        check(ccall((:vosia_service_new, libvosia), Int32, (Cstring, Int32, Ref{Ptr{Cvoid}}),
                    url, sia_version, out))
        finalizer(s -> ccall((:vosia_service_free, libvosia), Cvoid, (Ptr{Cvoid},), s.ptr),
                  new(out[]))
    end
end

mutable struct Query
    ptr::Ptr{Cvoid}
    function Query(svc::Service)
        out = Ref{Ptr{Cvoid}}(C_NULL)
        check(ccall((:vosia_query_new, libvosia), Int32, (Ptr{Cvoid}, Ref{Ptr{Cvoid}}),
                    svc.ptr, out))
        finalizer(q -> ccall((:vosia_query_free, libvosia), Cvoid, (Ptr{Cvoid},), q.ptr),
                  new(out[]))
    end
end

mutable struct Results
    ptr::Ptr{Cvoid}
    function Results(ptr::Ptr{Cvoid})
        finalizer(r -> ccall((:vosia_results_free, libvosia), Cvoid, (Ptr{Cvoid},), r.ptr),
                  new(ptr))
    end
end

set_pos!(q::Query, ra, dec) =
    check(ccall((:vosia_query_set_pos, libvosia), Int32, (Ptr{Cvoid}, Cdouble, Cdouble),
                q.ptr, ra, dec))
set_size!(q::Query, ra_size, dec_size = ra_size) =
    check(ccall((:vosia_query_set_size, libvosia), Int32, (Ptr{Cvoid}, Cdouble, Cdouble),
                q.ptr, ra_size, dec_size))
add_circle!(q::Query, ra, dec, radius) =
    check(ccall((:vosia_query_add_circle, libvosia), Int32,
                (Ptr{Cvoid}, Cdouble, Cdouble, Cdouble), q.ptr, ra, dec, radius))
set_maxrec!(q::Query, n::Integer) =
    check(ccall((:vosia_query_set_maxrec, libvosia), Int32, (Ptr{Cvoid}, Int64), q.ptr, n))
set_param!(q::Query, name::AbstractString, value::AbstractString) =
    check(ccall((:vosia_query_set_param, libvosia), Int32, (Ptr{Cvoid}, Cstring, Cstring),
                q.ptr, name, value))
# The string is borrowed from the query: keep the query alive until it is copied.
url(q::Query) = GC.@preserve q unsafe_string(ccall((:vosia_query_url, libvosia), Cstring,
                                                    (Ptr{Cvoid},), q.ptr))

function execute(q::Query)
    out = Ref{Ptr{Cvoid}}(C_NULL)
    st = ccall((:vosia_query_execute, libvosia), Int32, (Ptr{Cvoid}, Ref{Ptr{Cvoid}}), q.ptr, out)
    st == OK || check(st, GC.@preserve q unsafe_string(ccall((:vosia_query_error, libvosia),
                                                            Cstring, (Ptr{Cvoid},), q.ptr)))
    return Results(out[])
end

function parse_file(path::AbstractString, sia_version::Integer = SIA1)
    out = Ref{Ptr{Cvoid}}(C_NULL)
    check(ccall((:vosia_results_parse_file, libvosia), Int32, (Cstring, Int32, Ref{Ptr{Cvoid}}),
                path, sia_version, out))
    return Results(out[])
end

Base.length(r::Results) =
    Int(ccall((:vosia_results_row_count, libvosia), Int64, (Ptr{Cvoid},), r.ptr))

"Standard field `field` of row `row` (1-based) as text, or `nothing` when null."
function std_str(r::Results, row::Integer, field::Integer)
    out = Ref{Cstring}()
    st = GC.@preserve r ccall((:vosia_results_get_std_str, libvosia), Int32,
                              (Ptr{Cvoid}, Int64, Int32, Ref{Cstring}), r.ptr, row - 1, field, out)
    st == NULL_VALUE && return nothing
    check(st)
    return GC.@preserve r unsafe_string(out[])
end

"Standard field `field` of row `row` (1-based) in its fixed unit, or `nothing` when null."
function std_double(r::Results, row::Integer, field::Integer)
    out = Ref{Cdouble}(NaN)
    st = GC.@preserve r ccall((:vosia_results_get_std_double, libvosia), Int32,
                              (Ptr{Cvoid}, Int64, Int32, Ref{Cdouble}), r.ptr, row - 1, field, out)
    st == NULL_VALUE && return nothing
    check(st)
    return out[]
end

end # module
