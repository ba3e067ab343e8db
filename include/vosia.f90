!> vosia.f90: the Fortran 2008 interface of vosia, a client for the IVOA Simple Image Access
!> protocol (SIA 1.0 and 2.0). Module `vosia`, built on iso_c_binding over the C API in vosia.h;
!> needs no C shim.
!>
!> Conventions (CFITSIO's and WCSLIB's, as astronomers already write them):
!>  - Handles are derived types (vosia_service_t, vosia_query_t, vosia_results_t) wrapping a
!>    type(c_ptr); free them with the generic `call vosia_free(h)`, which nulls the handle.
!>    Handles may be freed in any order; freeing a null handle does nothing.
!>  - Every fallible routine takes `integer, intent(inout) :: status` last. If status is not
!>    VOSIA_OK on entry the routine returns at once and changes nothing, so a sequence of calls
!>    needs one check at its end. A handle argument that receives a new handle (*_new,
!>    *_clone, *_parse, *_execute) must be null: one still holding a handle gives
!>    VOSIA_E_INVALID_ARG and is left as it is (vosia_free it first), so nothing leaks.
!>    On failure status is the VOSIA_E_* code; vosia_errmsg(status) gives the text and the
!>    detail (vosia_last_error; vosia_query_error for execute).
!>  - Null cells: getters take an optional `logical, intent(out) :: is_null`. When it is
!>    present a null cell sets it to .true., leaves status alone and leaves the value
!>    unchanged (strings become ""). Without it a null cell sets status = VOSIA_NULL_VALUE.
!>  - Rows and columns are 1-based (the C API's are 0-based). Column lookups give 0 for
!>    "no such column". Standard fields are the VOSIA_FIELD_* codes, as in C.
!>  - Strings out are `character(len=:), allocatable`, exact length. Strings in are trimmed
!>    of trailing blanks and NUL-terminated for C.
!>  - Constants restate vosia.h as integer(c_int32_t) parameters; ctest checks them against
!>    the C values (tests/fortran/constants.sh).
!>
!> Example:
!>    use vosia
!>    type(vosia_results_t) :: res
!>    integer :: status = VOSIA_OK, i, n
!>    character(len=:), allocatable :: url
!>    call vosia_results_parse_file(res, 'response.xml', VOSIA_SIA1, status)
!>    call vosia_results_row_count(res, n, status)
!>    do i = 1, n
!>      call vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, url, status)
!>      print '(a)', url
!>    end do
!>    if (status /= VOSIA_OK) print '(a)', vosia_errmsg(status)
!>    call vosia_free(res)
!>
!> Build: gfortran -I<includedir> app.f90 -lvosia_fortran -lvosia (the module's object code
!> is in libvosia_fortran.a), or in CMake target_link_libraries(app vosia::vosia_fortran).
module vosia
  use, intrinsic :: iso_c_binding
  implicit none
  private

  ! ------------------------------------------------------------------ constants (vosia.h)
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_MAJOR = 0
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_MINOR = 1
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_PATCH = 0
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_BOOLEAN = 1
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_BIT = 2
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_UNSIGNED_BYTE = 3
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_SHORT = 4
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_INT = 5
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_LONG = 6
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_CHAR = 7
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_UNICODE_CHAR = 8
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_FLOAT = 9
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_DOUBLE = 10
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_FLOAT_COMPLEX = 11
  integer(c_int32_t), parameter, public :: VOSIA_TYPE_DOUBLE_COMPLEX = 12
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_ACCESS_URL = 0
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_FORMAT = 1
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_TITLE = 2
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_RA = 3
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_DEC = 4
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_INSTRUMENT = 5
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_MJD_OBS = 6
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_NAXES = 7
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_NAXIS = 8
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_SCALE = 9
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_COORD_FRAME = 10
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_COORD_EQUINOX = 11
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_PROJECTION = 12
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_REF_PIXEL = 13
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_REF_VALUE = 14
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_CD_MATRIX = 15
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_BANDPASS_ID = 16
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_BANDPASS_UNIT = 17
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_EM_REF = 18
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_EM_MIN = 19
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_EM_MAX = 20
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_PIXFLAGS = 21
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_ACREF_TTL = 22
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_FILESIZE = 23
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_COLLECTION = 24
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_DATAPRODUCT_TYPE = 25
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_CALIB_LEVEL = 26
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_OBS_ID = 27
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_PUBLISHER_DID = 28
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_TARGET = 29
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_S_FOV = 30
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_S_REGION = 31
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_S_RESOLUTION = 32
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_T_MIN = 33
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_T_MAX = 34
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_T_EXPTIME = 35
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_EM_RES_POWER = 36
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_POL_STATES = 37
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_FACILITY = 38
  integer(c_int32_t), parameter, public :: VOSIA_FIELD_COUNT = 39
  integer(c_int32_t), parameter, public :: VOSIA_SIA1 = 1
  integer(c_int32_t), parameter, public :: VOSIA_SIA2 = 2
  integer(c_int32_t), parameter, public :: VOSIA_OK = 0
  integer(c_int32_t), parameter, public :: VOSIA_NULL_VALUE = 1
  integer(c_int32_t), parameter, public :: VOSIA_E_NULL_ARG = 10
  integer(c_int32_t), parameter, public :: VOSIA_E_INVALID_ARG = 11
  integer(c_int32_t), parameter, public :: VOSIA_E_BAD_HANDLE = 12
  integer(c_int32_t), parameter, public :: VOSIA_E_UNSUPPORTED = 13
  integer(c_int32_t), parameter, public :: VOSIA_E_RANGE = 14
  integer(c_int32_t), parameter, public :: VOSIA_E_TYPE = 15
  integer(c_int32_t), parameter, public :: VOSIA_E_BUFFER_SIZE = 16
  integer(c_int32_t), parameter, public :: VOSIA_E_CONNECT = 30
  integer(c_int32_t), parameter, public :: VOSIA_E_TIMEOUT = 31
  integer(c_int32_t), parameter, public :: VOSIA_E_TLS = 32
  integer(c_int32_t), parameter, public :: VOSIA_E_HTTP = 33
  integer(c_int32_t), parameter, public :: VOSIA_E_TOO_LARGE = 34
  integer(c_int32_t), parameter, public :: VOSIA_E_IO = 40
  integer(c_int32_t), parameter, public :: VOSIA_E_SERVICE = 50
  integer(c_int32_t), parameter, public :: VOSIA_E_FORMAT = 51
  integer(c_int32_t), parameter, public :: VOSIA_E_NO_TABLE = 52
  integer(c_int32_t), parameter, public :: VOSIA_E_CANCELLED = 60
  integer(c_int32_t), parameter, public :: VOSIA_E_PANIC = 90
  integer(c_int32_t), parameter, public :: VOSIA_E_INTERNAL = 99
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_NUMBER = &
      VOSIA_VERSION_MAJOR * 65536 + VOSIA_VERSION_MINOR * 256 + VOSIA_VERSION_PATCH
  character(len=*), parameter, public :: VOSIA_VERSION_STRING = "0.1.0"

  ! ----------------------------------------------------------------------------- handles
  !> An SIA service: base URL, SIA version, transport settings.
  type, public :: vosia_service_t
    type(c_ptr) :: ptr = c_null_ptr
  end type
  !> A query against a service. One thread at a time.
  type, public :: vosia_query_t
    type(c_ptr) :: ptr = c_null_ptr
  end type
  !> An immutable, fully parsed response.
  type, public :: vosia_results_t
    type(c_ptr) :: ptr = c_null_ptr
  end type

  !> Frees any vosia handle and nulls it.
  interface vosia_free
    module procedure free_service, free_query, free_results
  end interface
  public :: vosia_free

  public :: vosia_strerror, vosia_last_error, vosia_query_error, vosia_errmsg
  public :: vosia_library_version, vosia_library_version_number
  public :: vosia_service_new, vosia_service_set_timeout, vosia_service_base_url
  public :: vosia_service_set_keepalive
  public :: vosia_service_add_header, vosia_service_version
  public :: vosia_query_new, vosia_query_clone, vosia_query_set_pos, vosia_query_set_size
  public :: vosia_query_set_verb, vosia_query_set_maxrec, vosia_query_add_circle
  public :: vosia_query_add_range, vosia_query_add_polygon, vosia_query_add_calib
  public :: vosia_query_url, vosia_query_execute
  public :: vosia_results_parse, vosia_results_parse_file, vosia_results_row_count
  public :: vosia_results_column_count, vosia_results_overflow, vosia_results_info
  public :: vosia_results_column_datatype, vosia_results_column_index
  public :: vosia_results_column_by_ucd, vosia_results_std_column, vosia_results_is_null
  public :: vosia_results_get_double, vosia_results_get_int64, vosia_results_get_str
  public :: vosia_results_get_text, vosia_results_get_double_array
  public :: vosia_results_get_std_double, vosia_results_get_std_str
  public :: vosia_results_get_std_double_array
  public :: vosia_query_add_band
  public :: vosia_query_add_time
  public :: vosia_query_add_fov
  public :: vosia_query_add_spatres
  public :: vosia_query_add_exptime
  public :: vosia_query_add_timeres
  public :: vosia_query_add_specrp
  public :: vosia_query_set_intersect
  public :: vosia_query_set_format
  public :: vosia_query_add_format
  public :: vosia_query_set_responseformat
  public :: vosia_query_add_pol
  public :: vosia_query_add_id
  public :: vosia_query_add_collection
  public :: vosia_query_add_facility
  public :: vosia_query_add_instrument
  public :: vosia_query_add_dptype
  public :: vosia_query_add_target
  public :: vosia_query_remove_param
  public :: vosia_query_set_param
  public :: vosia_query_add_param
  public :: vosia_results_column_name
  public :: vosia_results_column_id
  public :: vosia_results_column_ucd
  public :: vosia_results_column_utype
  public :: vosia_results_column_unit
  public :: vosia_results_column_xtype
  public :: vosia_results_column_arraysize
  public :: vosia_results_column_description

  ! ------------------------------------------------------------- the C API (private)
  interface
    function c_strlen(s) bind(c, name='strlen') result(n)
      import
      type(c_ptr), value :: s
      integer(c_size_t) :: n
    end function
    function c_vosia_strerror(st) bind(c, name='vosia_strerror') result(p)
      import
      integer(c_int32_t), value :: st
      type(c_ptr) :: p
    end function
    function c_vosia_last_error() bind(c, name='vosia_last_error') result(p)
      import
      type(c_ptr) :: p
    end function
    function c_vosia_version() bind(c, name='vosia_version') result(p)
      import
      type(c_ptr) :: p
    end function
    function c_vosia_version_number() bind(c, name='vosia_version_number') result(n)
      import
      integer(c_int32_t) :: n
    end function

    function c_vosia_service_new(url, ver, out) bind(c, name='vosia_service_new') result(st)
      import
      character(kind=c_char), dimension(*), intent(in) :: url
      integer(c_int32_t), value :: ver
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: st
    end function
    subroutine c_vosia_service_free(s) bind(c, name='vosia_service_free')
      import
      type(c_ptr), value :: s
    end subroutine
    function c_vosia_service_set_timeout(s, t) bind(c, name='vosia_service_set_timeout') result(st)
      import
      type(c_ptr), value :: s
      real(c_double), value :: t
      integer(c_int32_t) :: st
    end function
    function c_vosia_service_set_keepalive(s, on) bind(c, name='vosia_service_set_keepalive') &
        result(st)
      import
      type(c_ptr), value :: s
      integer(c_int32_t), value :: on
      integer(c_int32_t) :: st
    end function
    function c_vosia_service_add_header(s, n, v) bind(c, name='vosia_service_add_header') result(st)
      import
      type(c_ptr), value :: s
      character(kind=c_char), dimension(*), intent(in) :: n, v
      integer(c_int32_t) :: st
    end function
    function c_vosia_service_base_url(s) bind(c, name='vosia_service_base_url') result(p)
      import
      type(c_ptr), value :: s
      type(c_ptr) :: p
    end function
    function c_vosia_service_version(s) bind(c, name='vosia_service_version') result(v)
      import
      type(c_ptr), value :: s
      integer(c_int32_t) :: v
    end function

    function c_vosia_query_new(s, out) bind(c, name='vosia_query_new') result(st)
      import
      type(c_ptr), value :: s
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_clone(q, out) bind(c, name='vosia_query_clone') result(st)
      import
      type(c_ptr), value :: q
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: st
    end function
    subroutine c_vosia_query_free(q) bind(c, name='vosia_query_free')
      import
      type(c_ptr), value :: q
    end subroutine
    function c_vosia_query_set_pos(q, a, b) bind(c, name='vosia_query_set_pos') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: a, b
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_size(q, a, b) bind(c, name='vosia_query_set_size') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: a, b
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_verb(q, v) bind(c, name='vosia_query_set_verb') result(st)
      import
      type(c_ptr), value :: q
      integer(c_int32_t), value :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_calib(q, v) bind(c, name='vosia_query_add_calib') result(st)
      import
      type(c_ptr), value :: q
      integer(c_int32_t), value :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_maxrec(q, v) bind(c, name='vosia_query_set_maxrec') result(st)
      import
      type(c_ptr), value :: q
      integer(c_int64_t), value :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_circle(q, a, d, r) bind(c, name='vosia_query_add_circle') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: a, d, r
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_range(q, a1, a2, d1, d2) bind(c, name='vosia_query_add_range') &
        result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: a1, a2, d1, d2
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_polygon(q, p, n) bind(c, name='vosia_query_add_polygon') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), dimension(*), intent(in) :: p
      integer(c_size_t), value :: n
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_url(q) bind(c, name='vosia_query_url') result(p)
      import
      type(c_ptr), value :: q
      type(c_ptr) :: p
    end function
    function c_vosia_query_execute(q, out) bind(c, name='vosia_query_execute') result(st)
      import
      type(c_ptr), value :: q
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_error(q) bind(c, name='vosia_query_error') result(p)
      import
      type(c_ptr), value :: q
      type(c_ptr) :: p
    end function

    function c_vosia_results_parse(d, n, ver, out) bind(c, name='vosia_results_parse') result(st)
      import
      character(kind=c_char), dimension(*), intent(in) :: d
      integer(c_size_t), value :: n
      integer(c_int32_t), value :: ver
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_parse_file(path, ver, out) bind(c, name='vosia_results_parse_file') &
        result(st)
      import
      character(kind=c_char), dimension(*), intent(in) :: path
      integer(c_int32_t), value :: ver
      type(c_ptr), intent(out) :: out
      integer(c_int32_t) :: st
    end function
    subroutine c_vosia_results_free(r) bind(c, name='vosia_results_free')
      import
      type(c_ptr), value :: r
    end subroutine
    function c_vosia_results_row_count(r) bind(c, name='vosia_results_row_count') result(n)
      import
      type(c_ptr), value :: r
      integer(c_int64_t) :: n
    end function
    function c_vosia_results_column_count(r) bind(c, name='vosia_results_column_count') result(n)
      import
      type(c_ptr), value :: r
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_overflow(r) bind(c, name='vosia_results_overflow') result(n)
      import
      type(c_ptr), value :: r
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_info(r, name) bind(c, name='vosia_results_info') result(p)
      import
      type(c_ptr), value :: r
      character(kind=c_char), dimension(*), intent(in) :: name
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_datatype(r, c) bind(c, name='vosia_results_column_datatype') &
        result(n)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: c
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_column_index(r, name) bind(c, name='vosia_results_column_index') &
        result(n)
      import
      type(c_ptr), value :: r
      character(kind=c_char), dimension(*), intent(in) :: name
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_column_by_ucd(r, ucd) bind(c, name='vosia_results_column_by_ucd') &
        result(n)
      import
      type(c_ptr), value :: r
      character(kind=c_char), dimension(*), intent(in) :: ucd
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_std_column(r, f) bind(c, name='vosia_results_std_column') result(n)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: f
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_is_null(r, i, c) bind(c, name='vosia_results_is_null') result(n)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: c
      integer(c_int32_t) :: n
    end function
    function c_vosia_results_get_double(r, i, c, v) bind(c, name='vosia_results_get_double') &
        result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: c
      real(c_double), intent(out) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_int64(r, i, c, v) bind(c, name='vosia_results_get_int64') &
        result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: c
      integer(c_int64_t), intent(out) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_str(r, i, c, p) bind(c, name='vosia_results_get_str') result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: c
      type(c_ptr), intent(out) :: p
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_text(r, i, c, p) bind(c, name='vosia_results_get_text') result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: c
      type(c_ptr), intent(out) :: p
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_double_array(r, i, c, buf, cap, n) &
        bind(c, name='vosia_results_get_double_array') result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: c
      real(c_double), dimension(*), intent(inout) :: buf
      integer(c_size_t), value :: cap
      integer(c_size_t), intent(out) :: n
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_std_double(r, i, f, v) bind(c, name='vosia_results_get_std_double') &
        result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: f
      real(c_double), intent(out) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_std_str(r, i, f, p) bind(c, name='vosia_results_get_std_str') &
        result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: f
      type(c_ptr), intent(out) :: p
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_get_std_double_array(r, i, f, buf, cap, n) &
        bind(c, name='vosia_results_get_std_double_array') result(st)
      import
      type(c_ptr), value :: r
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: f
      real(c_double), dimension(*), intent(inout) :: buf
      integer(c_size_t), value :: cap
      integer(c_size_t), intent(out) :: n
      integer(c_int32_t) :: st
    end function

    function c_vosia_query_add_band(q, lo, hi) bind(c, name='vosia_query_add_band') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_time(q, lo, hi) bind(c, name='vosia_query_add_time') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_fov(q, lo, hi) bind(c, name='vosia_query_add_fov') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_spatres(q, lo, hi) bind(c, name='vosia_query_add_spatres') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_exptime(q, lo, hi) bind(c, name='vosia_query_add_exptime') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_timeres(q, lo, hi) bind(c, name='vosia_query_add_timeres') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_specrp(q, lo, hi) bind(c, name='vosia_query_add_specrp') result(st)
      import
      type(c_ptr), value :: q
      real(c_double), value :: lo, hi
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_intersect(q, v) bind(c, name='vosia_query_set_intersect') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_format(q, v) bind(c, name='vosia_query_set_format') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_format(q, v) bind(c, name='vosia_query_add_format') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_responseformat(q, v) bind(c, name='vosia_query_set_responseformat') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_pol(q, v) bind(c, name='vosia_query_add_pol') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_id(q, v) bind(c, name='vosia_query_add_id') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_collection(q, v) bind(c, name='vosia_query_add_collection') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_facility(q, v) bind(c, name='vosia_query_add_facility') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_instrument(q, v) bind(c, name='vosia_query_add_instrument') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_dptype(q, v) bind(c, name='vosia_query_add_dptype') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_target(q, v) bind(c, name='vosia_query_add_target') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_remove_param(q, v) bind(c, name='vosia_query_remove_param') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_set_param(q, name, v) bind(c, name='vosia_query_set_param') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: name
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_query_add_param(q, name, v) bind(c, name='vosia_query_add_param') result(st)
      import
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: name
      character(kind=c_char), dimension(*), intent(in) :: v
      integer(c_int32_t) :: st
    end function
    function c_vosia_results_column_name(r, col) bind(c, name='vosia_results_column_name') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_id(r, col) bind(c, name='vosia_results_column_id') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_ucd(r, col) bind(c, name='vosia_results_column_ucd') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_utype(r, col) bind(c, name='vosia_results_column_utype') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_unit(r, col) bind(c, name='vosia_results_column_unit') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_xtype(r, col) bind(c, name='vosia_results_column_xtype') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_arraysize(r, col) bind(c, name='vosia_results_column_arraysize') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
    function c_vosia_results_column_description(r, col) bind(c, name='vosia_results_column_description') result(p)
      import
      type(c_ptr), value :: r
      integer(c_int32_t), value :: col
      type(c_ptr) :: p
    end function
  end interface

contains

  ! --------------------------------------------------------------------------- helpers

  !> A Fortran string for C: trailing blanks trimmed, NUL added.
  pure function f_c_str(s) result(c)
    character(len=*), intent(in) :: s
    character(kind=c_char, len=:), allocatable :: c
    c = trim(s) // c_null_char
  end function

  !> A copy of the NUL-terminated C string at p ("" for a null pointer).
  function c_f_str(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    character(kind=c_char), dimension(:), pointer :: chars
    integer :: i, n
    if (.not. c_associated(p)) then
      s = ''
      return
    end if
    n = int(c_strlen(p))
    call c_f_pointer(p, chars, [n])
    allocate(character(len=n) :: s)
    do i = 1, n
      s(i:i) = chars(i)
    end do
  end function

  !> A borrowed string from a getter that answers NULL on failure: copies it, or sets status.
  subroutine borrowed(p, status_if_null, value, status)
    type(c_ptr), intent(in) :: p
    integer(c_int32_t), intent(in) :: status_if_null
    character(len=:), allocatable, intent(inout) :: value
    integer, intent(inout) :: status
    if (c_associated(p)) then
      value = c_f_str(p)
    else
      status = status_if_null
    end if
  end subroutine

  !> Maps VOSIA_NULL_VALUE onto is_null (when present) or onto status.
  subroutine null_or_status(st, status, is_null)
    integer(c_int32_t), intent(in) :: st
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    if (present(is_null)) is_null = .false.
    if (st == VOSIA_NULL_VALUE .and. present(is_null)) then
      is_null = .true.
    else if (st /= VOSIA_OK) then
      status = st
    end if
  end subroutine

  ! ------------------------------------------------------------------- errors, version

  !> The static text of a status code.
  function vosia_strerror(status) result(text)
    integer, intent(in) :: status
    character(len=:), allocatable :: text
    text = c_f_str(c_vosia_strerror(int(status, c_int32_t)))
  end function

  !> The detail of the last failure of a vosia call on this thread ("" if none).
  function vosia_last_error() result(text)
    character(len=:), allocatable :: text
    text = c_f_str(c_vosia_last_error())
  end function

  !> The detail of this query's last execute failure ("" after a success).
  function vosia_query_error(q) result(text)
    type(vosia_query_t), intent(in) :: q
    character(len=:), allocatable :: text
    text = c_f_str(c_vosia_query_error(q%ptr))
  end function

  !> One line for a user: "<strerror>: <detail>"; the detail is the query's execute error
  !> when `q` is given and has one, else vosia_last_error().
  function vosia_errmsg(status, q) result(text)
    integer, intent(in) :: status
    type(vosia_query_t), intent(in), optional :: q
    character(len=:), allocatable :: text, detail
    detail = ''
    if (present(q)) then
      ! (asking a null query would itself overwrite vosia_last_error)
      if (c_associated(q%ptr)) detail = vosia_query_error(q)
    end if
    if (len(detail) == 0) detail = vosia_last_error()
    text = vosia_strerror(status)
    if (len(detail) > 0) text = text // ': ' // detail
  end function

  !> The version of the library loaded at run time, e.g. "0.1.0" (C: vosia_version; the
  !> header's version is VOSIA_VERSION_STRING).
  function vosia_library_version() result(text)
    character(len=:), allocatable :: text
    text = c_f_str(c_vosia_version())
  end function

  !> The same as one number (C: vosia_version_number); compare with VOSIA_VERSION_NUMBER to
  !> catch a module built against another version of the library.
  function vosia_library_version_number() result(n)
    integer :: n
    n = int(c_vosia_version_number())
  end function

  ! ------------------------------------------------------------------------------ free

  subroutine free_service(h)
    type(vosia_service_t), intent(inout) :: h
    call c_vosia_service_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_query(h)
    type(vosia_query_t), intent(inout) :: h
    call c_vosia_query_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_results(h)
    type(vosia_results_t), intent(inout) :: h
    call c_vosia_results_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  ! --------------------------------------------------------------------------- service

  !> A service for the SIA query endpoint `base_url`, speaking VOSIA_SIA1 or VOSIA_SIA2.
  subroutine vosia_service_new(svc, base_url, sia_version, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: base_url
    integer, intent(in) :: sia_version
    integer, intent(inout) :: status
    type(c_ptr) :: p
    if (status /= VOSIA_OK) return
    if (c_associated(svc%ptr)) then
      status = VOSIA_E_INVALID_ARG  ! still holds a handle: vosia_free it first
      return
    end if
    status = c_vosia_service_new(f_c_str(base_url), int(sia_version, c_int32_t), p)
    if (status == VOSIA_OK) svc%ptr = p
  end subroutine

  !> The whole-request timeout in seconds.
  subroutine vosia_service_set_timeout(svc, seconds, status)
    type(vosia_service_t), intent(inout) :: svc
    real(c_double), intent(in) :: seconds
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_service_set_timeout(svc%ptr, seconds)
  end subroutine

  !> Keep connections alive between queries (.true.) or open one per request (.false.); the
  !> default follows the scheme (kept alive for https).
  subroutine vosia_service_set_keepalive(svc, on, status)
    type(vosia_service_t), intent(inout) :: svc
    logical, intent(in) :: on
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_service_set_keepalive(svc%ptr, merge(1_c_int32_t, 0_c_int32_t, on))
  end subroutine

  !> Adds a header sent with every request (e.g. Authorization).
  subroutine vosia_service_add_header(svc, name, value, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: name, value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_service_add_header(svc%ptr, f_c_str(name), f_c_str(value))
  end subroutine

  subroutine vosia_service_base_url(svc, url, status)
    type(vosia_service_t), intent(in) :: svc
    character(len=:), allocatable, intent(out) :: url
    integer, intent(inout) :: status
    url = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_service_base_url(svc%ptr), VOSIA_E_BAD_HANDLE, url, status)
  end subroutine

  !> VOSIA_SIA1 or VOSIA_SIA2.
  subroutine vosia_service_version(svc, sia_version, status)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(out) :: sia_version
    integer, intent(inout) :: status
    sia_version = -1
    if (status /= VOSIA_OK) return
    sia_version = c_vosia_service_version(svc%ptr)
    if (sia_version < 0) status = VOSIA_E_BAD_HANDLE
  end subroutine

  ! ----------------------------------------------------------------------------- query

  !> An empty query against `svc` (which it keeps alive).
  subroutine vosia_query_new(q, svc, status)
    type(vosia_query_t), intent(inout) :: q
    type(vosia_service_t), intent(in) :: svc
    integer, intent(inout) :: status
    type(c_ptr) :: p
    if (status /= VOSIA_OK) return
    if (c_associated(q%ptr)) then
      status = VOSIA_E_INVALID_ARG  ! still holds a handle: vosia_free it first
      return
    end if
    status = c_vosia_query_new(svc%ptr, p)
    if (status == VOSIA_OK) q%ptr = p
  end subroutine

  !> An independent copy of query `q`.
  subroutine vosia_query_clone(q, copy, status)
    type(vosia_query_t), intent(in) :: q
    type(vosia_query_t), intent(inout) :: copy
    integer, intent(inout) :: status
    type(c_ptr) :: p
    if (status /= VOSIA_OK) return
    if (c_associated(copy%ptr)) then
      status = VOSIA_E_INVALID_ARG  ! still holds a handle: vosia_free it first
      return
    end if
    status = c_vosia_query_clone(q%ptr, p)
    if (status == VOSIA_OK) copy%ptr = p
  end subroutine

  !> SIA 1.0: POS=ra,dec (ICRS degrees).
  subroutine vosia_query_set_pos(q, ra, dec, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra, dec
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_pos(q%ptr, ra, dec)
  end subroutine

  !> SIA 1.0: SIZE in degrees along RA and Dec (equal values are sent as one, SIZE=s).
  subroutine vosia_query_set_size(q, ra_size, dec_size, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra_size, dec_size
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_size(q%ptr, ra_size, dec_size)
  end subroutine

  !> SIA 1.0: VERB (0 to 3).
  subroutine vosia_query_set_verb(q, verb, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: verb
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_verb(q%ptr, int(verb, c_int32_t))
  end subroutine

  !> SIA 2.0: CALIB level (0 to 4).
  subroutine vosia_query_add_calib(q, level, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: level
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_calib(q%ptr, int(level, c_int32_t))
  end subroutine

  !> MAXREC, the most records to return.
  subroutine vosia_query_set_maxrec(q, maxrec, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: maxrec
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_maxrec(q%ptr, int(maxrec, c_int64_t))
  end subroutine

  !> SIA 2.0: POS=CIRCLE ra dec radius (degrees).
  subroutine vosia_query_add_circle(q, ra, dec, radius, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra, dec, radius
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_circle(q%ptr, ra, dec, radius)
  end subroutine

  !> SIA 2.0: POS=RANGE ra1 ra2 dec1 dec2 (degrees).
  subroutine vosia_query_add_range(q, ra1, ra2, dec1, dec2, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra1, ra2, dec1, dec2
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_range(q%ptr, ra1, ra2, dec1, dec2)
  end subroutine

  !> SIA 2.0: POS=POLYGON from a (2, n) array of (ra, dec) vertices in degrees.
  subroutine vosia_query_add_polygon(q, radec, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), dimension(:, :), intent(in) :: radec
    integer, intent(inout) :: status
    real(c_double), dimension(:), allocatable :: flat
    if (status /= VOSIA_OK) return
    if (size(radec, 1) /= 2) then
      status = VOSIA_E_INVALID_ARG
      return
    end if
    flat = reshape(radec, [size(radec)])
    status = c_vosia_query_add_polygon(q%ptr, flat, int(size(radec, 2), c_size_t))
  end subroutine

  !> SIA 2.0: BAND interval (see vosia.h).
  subroutine vosia_query_add_band(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_band(q%ptr, lo, hi)
  end subroutine

  !> SIA 2.0: TIME interval (see vosia.h).
  subroutine vosia_query_add_time(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_time(q%ptr, lo, hi)
  end subroutine

  !> SIA 2.0: FOV interval (see vosia.h).
  subroutine vosia_query_add_fov(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_fov(q%ptr, lo, hi)
  end subroutine

  !> SIA 2.0: SPATRES interval (see vosia.h).
  subroutine vosia_query_add_spatres(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_spatres(q%ptr, lo, hi)
  end subroutine

  !> SIA 2.0: EXPTIME interval (see vosia.h).
  subroutine vosia_query_add_exptime(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_exptime(q%ptr, lo, hi)
  end subroutine

  !> SIA 2.0: TIMERES interval (see vosia.h).
  subroutine vosia_query_add_timeres(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_timeres(q%ptr, lo, hi)
  end subroutine

  !> SIA 2.0: SPECRP interval (see vosia.h).
  subroutine vosia_query_add_specrp(q, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_specrp(q%ptr, lo, hi)
  end subroutine

  subroutine vosia_query_set_intersect(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_intersect(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_set_format(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_format(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_format(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_format(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_set_responseformat(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_responseformat(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_pol(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_pol(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_id(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_id(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_collection(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_collection(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_facility(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_facility(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_instrument(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_instrument(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_dptype(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_dptype(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_add_target(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_target(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_remove_param(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_remove_param(q%ptr, f_c_str(value))
  end subroutine

  subroutine vosia_query_set_param(q, name, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: name, value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_set_param(q%ptr, f_c_str(name), f_c_str(value))
  end subroutine

  subroutine vosia_query_add_param(q, name, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: name, value
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    status = c_vosia_query_add_param(q%ptr, f_c_str(name), f_c_str(value))
  end subroutine

  !> The column's name (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_name(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_name(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's id (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_id(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_id(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's ucd (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_ucd(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_ucd(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's utype (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_utype(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_utype(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's unit (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_unit(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_unit(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's xtype (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_xtype(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_xtype(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's arraysize (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_arraysize(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_arraysize(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The column's description (1-based column; "" when the attribute is absent).
  subroutine vosia_results_column_description(res, col, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    value = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_results_column_description(res%ptr, int(col - 1, c_int32_t)), VOSIA_E_RANGE, &
        value, status)
  end subroutine

  !> The exact URL vosia_query_execute will GET.
  subroutine vosia_query_url(q, url, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=:), allocatable, intent(out) :: url
    integer, intent(inout) :: status
    url = ''
    if (status /= VOSIA_OK) return
    call borrowed(c_vosia_query_url(q%ptr), VOSIA_E_BAD_HANDLE, url, status)
  end subroutine

  !> Sends the query and reads the response into `res`. On failure the detail is in
  !> vosia_query_error(q) (or vosia_errmsg(status, q)).
  subroutine vosia_query_execute(q, res, status)
    type(vosia_query_t), intent(inout) :: q
    type(vosia_results_t), intent(inout) :: res
    integer, intent(inout) :: status
    type(c_ptr) :: p
    if (status /= VOSIA_OK) return
    if (c_associated(res%ptr)) then
      status = VOSIA_E_INVALID_ARG  ! still holds a handle: vosia_free it first
      return
    end if
    status = c_vosia_query_execute(q%ptr, p)
    if (status == VOSIA_OK) res%ptr = p
  end subroutine

  ! --------------------------------------------------------------------------- results

  !> Parses a VOTable held in a string.
  subroutine vosia_results_parse(res, votable, sia_version, status)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: votable
    integer, intent(in) :: sia_version
    integer, intent(inout) :: status
    type(c_ptr) :: p
    if (status /= VOSIA_OK) return
    if (c_associated(res%ptr)) then
      status = VOSIA_E_INVALID_ARG  ! still holds a handle: vosia_free it first
      return
    end if
    status = c_vosia_results_parse(votable, int(len(votable), c_size_t), &
        int(sia_version, c_int32_t), p)
    if (status == VOSIA_OK) res%ptr = p
  end subroutine

  !> Parses a VOTable file (streaming it).
  subroutine vosia_results_parse_file(res, path, sia_version, status)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: path
    integer, intent(in) :: sia_version
    integer, intent(inout) :: status
    type(c_ptr) :: p
    if (status /= VOSIA_OK) return
    if (c_associated(res%ptr)) then
      status = VOSIA_E_INVALID_ARG  ! still holds a handle: vosia_free it first
      return
    end if
    status = c_vosia_results_parse_file(f_c_str(path), int(sia_version, c_int32_t), p)
    if (status == VOSIA_OK) res%ptr = p
  end subroutine

  !> Number of rows.
  subroutine vosia_results_row_count(res, nrows, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(out) :: nrows
    integer, intent(inout) :: status
    integer(c_int64_t) :: n
    nrows = 0
    if (status /= VOSIA_OK) return
    n = c_vosia_results_row_count(res%ptr)
    if (n < 0) then
      status = VOSIA_E_BAD_HANDLE
    else if (n > huge(nrows)) then
      status = VOSIA_E_RANGE
    else
      nrows = int(n)
    end if
  end subroutine

  !> Number of columns.
  subroutine vosia_results_column_count(res, ncols, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(out) :: ncols
    integer, intent(inout) :: status
    ncols = 0
    if (status /= VOSIA_OK) return
    ncols = c_vosia_results_column_count(res%ptr)
    if (ncols < 0) then
      status = VOSIA_E_BAD_HANDLE
      ncols = 0
    end if
  end subroutine

  !> .true. when the service reported QUERY_STATUS=OVERFLOW.
  subroutine vosia_results_overflow(res, overflow, status)
    type(vosia_results_t), intent(in) :: res
    logical, intent(out) :: overflow
    integer, intent(inout) :: status
    integer(c_int32_t) :: n
    overflow = .false.
    if (status /= VOSIA_OK) return
    n = c_vosia_results_overflow(res%ptr)
    if (n < 0) status = VOSIA_E_BAD_HANDLE
    overflow = n == 1
  end subroutine

  !> The value of INFO `name`; a missing INFO is a null (is_null, else VOSIA_NULL_VALUE).
  subroutine vosia_results_info(res, name, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: name
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    value = ''
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    p = c_vosia_results_info(res%ptr, f_c_str(name))
    if (c_associated(p)) then
      value = c_f_str(p)
    else
      call null_or_status(VOSIA_NULL_VALUE, status, is_null)
    end if
  end subroutine

  !> The column's VOSIA_TYPE_* datatype.
  subroutine vosia_results_column_datatype(res, col, datatype, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    integer, intent(out) :: datatype
    integer, intent(inout) :: status
    datatype = -1
    if (status /= VOSIA_OK) return
    datatype = c_vosia_results_column_datatype(res%ptr, int(col - 1, c_int32_t))
    if (datatype < 0) status = VOSIA_E_RANGE
  end subroutine

  !> The 1-based column named (or with ID) `name`; 0 when there is none.
  subroutine vosia_results_column_index(res, name, col, status)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: name
    integer, intent(out) :: col
    integer, intent(inout) :: status
    col = 0
    if (status /= VOSIA_OK) return
    col = c_vosia_results_column_index(res%ptr, f_c_str(name)) + 1
  end subroutine

  !> The first 1-based column whose UCD contains every atom of `ucd`; 0 when there is none.
  subroutine vosia_results_column_by_ucd(res, ucd, col, status)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: ucd
    integer, intent(out) :: col
    integer, intent(inout) :: status
    col = 0
    if (status /= VOSIA_OK) return
    col = c_vosia_results_column_by_ucd(res%ptr, f_c_str(ucd)) + 1
  end subroutine

  !> The 1-based column holding standard field `field` (VOSIA_FIELD_*); 0 when none.
  subroutine vosia_results_std_column(res, field, col, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: field
    integer, intent(out) :: col
    integer, intent(inout) :: status
    col = 0
    if (status /= VOSIA_OK) return
    col = c_vosia_results_std_column(res%ptr, int(field, c_int32_t)) + 1
  end subroutine

  !> Whether cell (row, col) is null.
  subroutine vosia_results_is_null(res, row, col, null, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, col
    logical, intent(out) :: null
    integer, intent(inout) :: status
    integer(c_int32_t) :: n
    null = .false.
    if (status /= VOSIA_OK) return
    n = c_vosia_results_is_null(res%ptr, int(row - 1, c_int64_t), int(col - 1, c_int32_t))
    if (n < 0) status = VOSIA_E_RANGE
    null = n == 1
  end subroutine

  !> A numeric cell as a double (integers widen; text is VOSIA_E_TYPE).
  subroutine vosia_results_get_double(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, col
    real(c_double), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    real(c_double) :: v
    integer(c_int32_t) :: st
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_double(res%ptr, int(row - 1, c_int64_t), int(col - 1, c_int32_t), v)
    if (st == VOSIA_OK) value = v
    call null_or_status(st, status, is_null)
  end subroutine

  !> An integer cell (booleans read as 0/1).
  subroutine vosia_results_get_int64(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, col
    integer(c_int64_t), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    integer(c_int64_t) :: v
    integer(c_int32_t) :: st
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_int64(res%ptr, int(row - 1, c_int64_t), int(col - 1, c_int32_t), v)
    if (st == VOSIA_OK) value = v
    call null_or_status(st, status, is_null)
  end subroutine

  !> A text cell (char or unicodeChar column).
  subroutine vosia_results_get_str(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_str(res%ptr, int(row - 1, c_int64_t), int(col - 1, c_int32_t), p)
    if (st == VOSIA_OK) value = c_f_str(p)
    call null_or_status(st, status, is_null)
  end subroutine

  !> Any cell as text (numbers in shortest round-trip form, arrays space-separated).
  subroutine vosia_results_get_text(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_text(res%ptr, int(row - 1, c_int64_t), int(col - 1, c_int32_t), p)
    if (st == VOSIA_OK) value = c_f_str(p)
    call null_or_status(st, status, is_null)
  end subroutine

  !> The numbers of a cell (an array, or a scalar as one element); NaN marks null elements.
  subroutine vosia_results_get_double_array(res, row, col, values, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, col
    real(c_double), dimension(:), allocatable, intent(out) :: values
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    integer(c_size_t) :: n, cap
    integer(c_int32_t) :: st
    real(c_double) :: probe(1)
    n = 0
    allocate(values(0))
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_double_array(res%ptr, int(row - 1, c_int64_t), &
        int(col - 1, c_int32_t), probe, 0_c_size_t, n)
    if (st == VOSIA_E_BUFFER_SIZE) then
      deallocate(values)
      cap = n
      allocate(values(cap))
      st = c_vosia_results_get_double_array(res%ptr, int(row - 1, c_int64_t), &
          int(col - 1, c_int32_t), values, cap, n)
    end if
    call null_or_status(st, status, is_null)
  end subroutine

  !> Standard field `field` (VOSIA_FIELD_*) as a number in its fixed unit (degrees, MJD,
  !> seconds, metres, bytes). A field the result lacks is null.
  subroutine vosia_results_get_std_double(res, row, field, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, field
    real(c_double), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    real(c_double) :: v
    integer(c_int32_t) :: st
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_std_double(res%ptr, int(row - 1, c_int64_t), &
        int(field, c_int32_t), v)
    if (st == VOSIA_OK) value = v
    call null_or_status(st, status, is_null)
  end subroutine

  !> Standard field `field` as text.
  subroutine vosia_results_get_std_str(res, row, field, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, field
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_std_str(res%ptr, int(row - 1, c_int64_t), int(field, c_int32_t), p)
    if (st == VOSIA_OK) value = c_f_str(p)
    call null_or_status(st, status, is_null)
  end subroutine

  !> Standard field `field` as numbers (NAXIS, SCALE, REF_PIXEL, REF_VALUE, CD_MATRIX, ...).
  subroutine vosia_results_get_std_double_array(res, row, field, values, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: row, field
    real(c_double), dimension(:), allocatable, intent(out) :: values
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    integer(c_size_t) :: n, cap
    integer(c_int32_t) :: st
    real(c_double) :: probe(1)
    n = 0
    allocate(values(0))
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    st = c_vosia_results_get_std_double_array(res%ptr, int(row - 1, c_int64_t), &
        int(field, c_int32_t), probe, 0_c_size_t, n)
    if (st == VOSIA_E_BUFFER_SIZE) then
      deallocate(values)
      cap = n
      allocate(values(cap))
      st = c_vosia_results_get_std_double_array(res%ptr, int(row - 1, c_int64_t), &
          int(field, c_int32_t), values, cap, n)
    end if
    call null_or_status(st, status, is_null)
  end subroutine

end module vosia
