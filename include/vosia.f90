!> vosia.f90: the Fortran 2008 interface of vosia, a client for the IVOA Simple Image Access
!> protocol (SIA 1.0 and 2.0). Module `vosia`, built on iso_c_binding over the C API of
!> vosia.h (0.2), which it binds whole except the copy_* twins; needs no C shim.
!>
!> Conventions (CFITSIO's and WCSLIB's, as astronomers already write them):
!>  - Handles are derived types (vosia_service_t, vosia_query_t, vosia_results_t,
!>    vosia_downloads_t, vosia_batch_t) wrapping a type(c_ptr); free them with the generic
!>    `call vosia_free(h)`, which nulls the handle. Handles may be freed in any order;
!>    freeing a null handle does nothing. The one exception: the results a batch lends
!>    (vosia_batch_get_results) are never freed; they go with vosia_free of the batch.
!>  - Every fallible routine takes `integer, intent(inout) :: status` after its other
!>    required arguments (optional ones such as is_null follow it). If status is not VOSIA_OK
!>    on entry the routine returns at once and changes nothing, so a sequence of calls needs
!>    one check at its end. An argument that receives a new handle (*_new, _discover, _clone,
!>    _parse*, _execute*, _download_*, _cutout_rows) must be null: one still holding a handle
!>    gives VOSIA_E_INVALID_ARG and is left as it is (vosia_free it first), so nothing leaks.
!>  - Only errors set status (VOSIA_E_*); vosia_errmsg(status) gives one line with the
!>    detail (the module's own, vosia_last_error, or with `q` the query's execute error).
!>    The library's details count rows and columns from 0, as C does.
!>  - A null never touches status. Getters take an optional `logical, intent(out) :: is_null`
!>    that is .true. when there is no value (a null cell, an attribute a FIELD does not set,
!>    a missing INFO, a standard field the result lacks); then a number is left as it was
!>    (set it to your null value before the call, as CFITSIO's nulval) and a string is "".
!>    Lookups that find nothing give 0 (columns, parameters) or -1 (vosia_field_by_name).
!>  - Rows, columns, parameters, options, capabilities, service descriptors and their inputs,
!>    warnings and download entries are 1-based (the C API's are 0-based); standard fields
!>    are the VOSIA_FIELD_* codes, as in C.
!>    Rows, row counts and download entries are integer(c_int64_t), so results may pass 2**31
!>    rows (write a literal row as 1_c_int64_t); so are MAXREC, the response and download
!>    limits and file sizes, as in C.
!>  - Whole columns come in one call: vosia_results_get_double_column(res, col, values,
!>    status, first_row, is_null) fills values(:) (any size; rows first_row, default 1,
!>    onwards; a null is NaN, or 0 in an integer column, and .true. in is_null(:)), and so
!>    do text columns into a character(len=*) array (a value too long for it is cut, and
!>    that is VOSIA_E_BUFFER_SIZE).
!>  - Strings out are `character(len=:), allocatable`, exact length. Strings in are trimmed
!>    of trailing blanks and NUL-terminated for C (a VOTable given to vosia_results_parse is
!>    passed as it is).
!>  - Constants restate vosia.h as integer(c_int32_t) parameters; ctest checks every one
!>    against the C compiler's values (tests/fortran/constants.sh).
!>  - Downloads: vosia_service_download_url, _download_rows and _cutout_rows (SODA cutouts)
!>    fill a vosia_downloads_t with one entry per file. Unlike every other routine that makes
!>    a handle, they fill it also when they fail, if the downloads were attempted: status is
!>    then the first failed entry's VOSIA_E_* and the handle holds every entry, so the caller
!>    sees both. As every routine, the entry getters (vosia_downloads_status, _get_path,
!>    _get_error, _file) do nothing when entered with a failed status: read the entries with
!>    a status variable of their own. vosia_free the handle either way (a null one is fine).
!>    Failures found before anything is attempted (an unknown flag, rows outside the result,
!>    a null handle, a handle variable still in use, a status failed on entry, for cutouts
!>    names(:) and values(:) of different sizes or a blank name) leave it null:
!>      call vosia_service_download_rows(svc, res, 'images', dl, status)
!>      if (status /= VOSIA_OK) print '(a)', vosia_errmsg(status)   ! "2 of 9 downloads failed..."
!>      call vosia_downloads_count(dl, n, st)                       ! st = VOSIA_OK before
!>      do i = 1, n
!>        call vosia_downloads_status(dl, i, entry_status, st)
!>        if (entry_status /= VOSIA_OK) then
!>          call vosia_downloads_get_error(dl, i, text, st)
!>        else
!>          call vosia_downloads_get_path(dl, i, path, st)
!>        end if
!>      end do
!>      call vosia_free(dl)
!>    Cutouts the same way, one region out of every row's image (names(:) and values(:)):
!>      call vosia_service_cutout_rows(svc, res, ['CIRCLE'], ['10.88 41.31 0.01'], 'cuts', &
!>          dl, status)
!>  - Threads: as the C API (a service and results may be shared, a query may not), except
!>    that the detail of a failure the module finds itself is kept per process, not per thread.
!>
!> Not bound: the copy_* twins of the string getters (vosia_copy_last_error,
!> vosia_field_copy_attr, vosia_service_copy_attr, _copy_param_attr, _copy_param_option,
!> _copy_column_attr, _copy_capability_attr, vosia_query_copy_url, _copy_error,
!> vosia_results_copy_info, _copy_warning, _copy_column_attr, _copy_str, _copy_text,
!> _copy_std_str, _copy_descriptor_attr, _copy_descriptor_input_attr,
!> _copy_descriptor_input_option, vosia_downloads_copy_path, _copy_error,
!> vosia_batch_copy_error): the module copies borrowed strings into allocatable ones itself.
!>
!> Example:
!>    use, intrinsic :: iso_c_binding, only: c_int64_t, c_double
!>    use vosia
!>    type(vosia_results_t) :: res
!>    integer :: status = VOSIA_OK
!>    integer(c_int64_t) :: i, n
!>    character(len=:), allocatable :: url
!>    real(c_double), allocatable :: ra(:)
!>    call vosia_results_parse_file(res, 'response.xml', VOSIA_SIA1, status)
!>    call vosia_results_row_count(res, n, status)
!>    do i = 1, n                                       ! cell by cell
!>      call vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, url, status)
!>      print '(a)', url
!>    end do
!>    allocate(ra(n))                                   ! or a whole column in one call
!>    call vosia_results_get_std_double_column(res, VOSIA_FIELD_RA, ra, status)
!>    if (status /= VOSIA_OK) print '(a)', vosia_errmsg(status)
!>    call vosia_free(res)
!>
!> Build: gfortran -I<includedir> app.f90 -lvosia_fortran -lvosia (the module's object code
!> is in libvosia_fortran.a), or in CMake target_link_libraries(app vosia::vosia_fortran).
module vosia
  use, intrinsic :: iso_c_binding
  use, intrinsic :: ieee_arithmetic, only: ieee_value, ieee_quiet_nan
  implicit none
  private

  ! ------------------------------------------------------------------ constants (vosia.h)
  ! the version of the header this module restates (vosia_library_version: the library's)
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_MAJOR = 0
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_MINOR = 2
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_PATCH = 0
  integer(c_int32_t), parameter, public :: VOSIA_VERSION_NUMBER = &
      VOSIA_VERSION_MAJOR * 65536 + VOSIA_VERSION_MINOR * 256 + VOSIA_VERSION_PATCH
  character(len=*), parameter, public :: VOSIA_VERSION_STRING = "0.2.0"

  ! SIA versions (vosia_service_new, vosia_results_parse)
  integer(c_int32_t), parameter, public :: VOSIA_SIA1 = 1
  integer(c_int32_t), parameter, public :: VOSIA_SIA2 = 2

  ! statuses: VOSIA_OK, VOSIA_NULL_VALUE (never put into a Fortran status), VOSIA_E_*
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
  integer(c_int32_t), parameter, public :: VOSIA_E_PARTIAL = 35
  integer(c_int32_t), parameter, public :: VOSIA_E_CHECKSUM = 36
  integer(c_int32_t), parameter, public :: VOSIA_E_IO = 40
  integer(c_int32_t), parameter, public :: VOSIA_E_SERVICE = 50
  integer(c_int32_t), parameter, public :: VOSIA_E_FORMAT = 51
  integer(c_int32_t), parameter, public :: VOSIA_E_NO_TABLE = 52
  integer(c_int32_t), parameter, public :: VOSIA_E_CANCELLED = 60
  integer(c_int32_t), parameter, public :: VOSIA_E_PANIC = 90
  integer(c_int32_t), parameter, public :: VOSIA_E_INTERNAL = 99

  ! attributes, the keys of the keyed getters
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_NAME = 1
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_ID = 2
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_UCD = 3
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_UTYPE = 4
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_UNIT = 5
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_XTYPE = 6
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_ARRAYSIZE = 7
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_DESCRIPTION = 8
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_DATATYPE = 9
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_VALUE = 10
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_MIN = 11
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_MAX = 12
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_URL = 13
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_STANDARD_ID = 14
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_REF = 15
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_IVOID = 16
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_TITLE = 17
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_SHORT_NAME = 18
  integer(c_int32_t), parameter, public :: VOSIA_ATTR_WAVEBAND = 19

  ! how a standard field is read (vosia_field_kind)
  integer(c_int32_t), parameter, public :: VOSIA_KIND_TEXT = 1
  integer(c_int32_t), parameter, public :: VOSIA_KIND_NUMBER = 2
  integer(c_int32_t), parameter, public :: VOSIA_KIND_ARRAY = 3

  ! SIA 2.0 parameters: intervals (vosia_query_add_interval), text (vosia_query_add_text)
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_BAND = 1
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_TIME = 2
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_FOV = 3
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_SPATRES = 4
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_EXPTIME = 5
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_TIMERES = 6
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_SPECRP = 7
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_ID = 20
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_COLLECTION = 21
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_FACILITY = 22
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_INSTRUMENT = 23
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_DPTYPE = 24
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_TARGET = 25
  integer(c_int32_t), parameter, public :: VOSIA_PARAM_POL = 26

  ! VOTable datatypes (vosia_results_column_datatype)
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

  ! standard fields, in fixed units (see vosia.h); codes as in C, from 0
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

  ! flags of vosia_service_download_url, _download_rows (combine them with ior or +) and
  ! _cutout_rows (VOSIA_DOWNLOAD_REFRESH only)
  integer(c_int32_t), parameter, public :: VOSIA_DOWNLOAD_SERVER_NAME = 1
  integer(c_int32_t), parameter, public :: VOSIA_DOWNLOAD_REFRESH = 2
  integer(c_int32_t), parameter, public :: VOSIA_DOWNLOAD_KEEP_DATALINK = 4
  ! how a downloaded file came to be in place (vosia_downloads_file)
  integer(c_int32_t), parameter, public :: VOSIA_DOWNLOAD_FETCHED = 1
  integer(c_int32_t), parameter, public :: VOSIA_DOWNLOAD_RESUMED = 2
  integer(c_int32_t), parameter, public :: VOSIA_DOWNLOAD_CACHED = 3
  ! registry search constraints (vosia_registry_query_add): a hit meets all of them
  integer(c_int32_t), parameter, public :: VOSIA_REGISTRY_SERVICE_TYPE = 1
  integer(c_int32_t), parameter, public :: VOSIA_REGISTRY_KEYWORD = 2
  integer(c_int32_t), parameter, public :: VOSIA_REGISTRY_WAVEBAND = 3
  integer(c_int32_t), parameter, public :: VOSIA_REGISTRY_IVOID = 4
  ! what vosia_samp_send asks its recipients to load
  integer(c_int32_t), parameter, public :: VOSIA_SAMP_IMAGE = 1
  integer(c_int32_t), parameter, public :: VOSIA_SAMP_TABLE = 2
  ! ----------------------------------------------------------------------------- handles
  !> An SIA service: base URL, SIA version, transport settings, cached metadata.
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
  !> The outcome of a download call: one entry per file asked for, in order. Immutable.
  type, public :: vosia_downloads_t
    type(c_ptr) :: ptr = c_null_ptr
  end type
  !> The outcome of vosia_batch_execute: one item per query, in order. Immutable; it owns
  !> the results its items lend (vosia_batch_get_results), so free it after them.
  type, public :: vosia_batch_t
    type(c_ptr) :: ptr = c_null_ptr
  end type
  !> The constraints of a registry search. One thread at a time.
  type, public :: vosia_registry_query_t
    type(c_ptr) :: ptr = c_null_ptr
  end type
  !> The SIA services a registry search found, one entry per SIA interface. Immutable.
  type, public :: vosia_registry_hits_t
    type(c_ptr) :: ptr = c_null_ptr
  end type
  !> A client registered with a SAMP hub; vosia_free unregisters it.
  type, public :: vosia_samp_t
    type(c_ptr) :: ptr = c_null_ptr
  end type

  !> The progress function of vosia_service_set_progress: a bind(c) function told the bytes
  !> of a response body read so far (`done`) and expected (`total`, -1 when unknown); a
  !> non-zero result cancels the transfer (VOSIA_E_CANCELLED). `user` is the pointer given
  !> with it (c_loc of your data; c_f_pointer it back).
  abstract interface
    ! typedef int32_t (*vosia_progress_fn)(int64_t done, int64_t total, void *user);
    integer(c_int32_t) function vosia_progress_fn(done, total, user) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr
      integer(c_int64_t), value :: done, total
      type(c_ptr), value :: user
    end function
  end interface
  public :: vosia_progress_fn

  !> The rows function of a read in batches (vosia_query_execute_in_batches,
  !> vosia_results_parse_file_in_batches): a bind(c) function handed each batch of rows as
  !> it is parsed. `rows` is the batch's results handle, lent for this call only: wrap it as
  !> vosia_results_t(rows) to read it with the module's getters (whole columns at once with
  !> vosia_results_get_std_double_column and its kin), never vosia_free it, and keep nothing
  !> borrowed from it. `first_row` is the C index (0-based) of its first row in the whole
  !> table: in the module's 1-based rows the batch starts at first_row + 1. A non-zero result
  !> stops the read (VOSIA_E_CANCELLED). `user` is the pointer given with it.
  abstract interface
    ! typedef int32_t (*vosia_rows_fn)(const vosia_results *rows, int64_t first_row,
    !                                  void *user);
    integer(c_int32_t) function vosia_rows_fn(rows, first_row, user) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: rows
      integer(c_int64_t), value :: first_row
      type(c_ptr), value :: user
    end function
  end interface
  public :: vosia_rows_fn

  ! ------------------------------------------------------------------ generic interfaces
  !> Frees any vosia handle and nulls it.
  interface vosia_free
    module procedure free_service, free_query, free_results, free_downloads, free_batch
    module procedure free_registry_query, free_registry_hits, free_samp
  end interface

  public :: vosia_free
  ! library: version, errors, standard fields
  public :: vosia_library_version, vosia_library_version_number, vosia_strerror
  public :: vosia_last_error, vosia_last_status, vosia_errmsg
  public :: vosia_library_field_count, vosia_field_get_attr, vosia_field_kind, vosia_field_by_name
  ! service
  public :: vosia_service_new, vosia_service_discover, vosia_service_set_timeout
  public :: vosia_service_set_connect_timeout, vosia_service_set_max_response_bytes
  public :: vosia_service_set_post_above, vosia_service_set_memory_budget
  public :: vosia_service_set_ca_file, vosia_service_set_client_cert
  public :: vosia_service_set_retries, vosia_service_set_keepalive, vosia_service_add_header
  public :: vosia_service_trust_redirects_to
  public :: vosia_service_set_progress, vosia_service_get_attr, vosia_service_get_version
  public :: vosia_service_set_file_progress
  public :: vosia_service_fetch_metadata, vosia_service_param_count, vosia_service_param_index
  public :: vosia_service_get_param_attr, vosia_service_param_option_count
  public :: vosia_service_get_param_option, vosia_service_column_count
  public :: vosia_service_get_column_attr, vosia_service_check_availability
  public :: vosia_service_fetch_capabilities, vosia_service_get_capability_attr
  ! batches
  public :: vosia_batch_execute, vosia_batch_count, vosia_batch_status
  public :: vosia_batch_get_results, vosia_batch_get_error
  ! downloads
  public :: vosia_service_set_download_jobs, vosia_service_set_max_download_bytes
  public :: vosia_service_set_download_timeout, vosia_service_download_url
  public :: vosia_service_download_rows, vosia_service_cutout_rows, vosia_downloads_count
  public :: vosia_service_datalink_rows
  public :: vosia_downloads_status
  public :: vosia_downloads_get_path, vosia_downloads_get_error, vosia_downloads_file
  ! query
  public :: vosia_query_new, vosia_query_clone, vosia_query_set_pos, vosia_query_set_size
  public :: vosia_query_set_intersect, vosia_query_set_verb, vosia_query_set_format
  public :: vosia_query_add_format, vosia_query_set_maxrec, vosia_query_set_responseformat
  public :: vosia_query_add_circle, vosia_query_add_range, vosia_query_add_polygon
  public :: vosia_query_add_interval, vosia_query_add_text, vosia_query_add_calib
  public :: vosia_query_set_param, vosia_query_add_param, vosia_query_remove_param
  public :: vosia_query_url, vosia_query_execute, vosia_query_execute_saving, vosia_query_error
  public :: vosia_query_execute_in_batches
  ! TAP, registry, SAMP
  public :: vosia_tap_query, vosia_registry_query_new, vosia_registry_query_add
  public :: vosia_registry_query_set_position, vosia_registry_search, vosia_registry_hits_count
  public :: vosia_registry_hits_get_attr, vosia_registry_hits_version
  public :: vosia_registry_hits_service, vosia_samp_connect, vosia_samp_send
  ! results
  public :: vosia_results_parse, vosia_results_parse_file, vosia_results_row_count
  public :: vosia_results_circles_met
  public :: vosia_results_parse_within, vosia_results_parse_file_within
  public :: vosia_results_parse_file_in_batches, vosia_results_parse_file_on_threads
  public :: vosia_service_set_reader_threads
  public :: vosia_results_column_count, vosia_results_overflow, vosia_results_info
  public :: vosia_results_warning_count, vosia_results_warning, vosia_results_get_column_attr
  public :: vosia_results_column_datatype, vosia_results_column_index
  public :: vosia_results_column_by_ucd, vosia_results_column_by_utype
  public :: vosia_results_std_column, vosia_results_is_null, vosia_results_get_double
  public :: vosia_results_get_int64, vosia_results_get_str, vosia_results_get_text
  public :: vosia_results_get_double_array, vosia_results_get_std_double
  public :: vosia_results_get_std_double_array, vosia_results_get_std_str
  public :: vosia_results_get_double_column, vosia_results_get_int64_column
  public :: vosia_results_get_text_column, vosia_results_get_std_double_column
  public :: vosia_results_get_std_text_column
  ! service descriptors of a response (DataLink, SODA)
  public :: vosia_results_descriptor_count, vosia_results_get_descriptor_attr
  public :: vosia_results_descriptor_input_count, vosia_results_get_descriptor_input_attr
  public :: vosia_results_descriptor_input_option_count
  public :: vosia_results_get_descriptor_input_option

  ! The detail of the last failure the module found itself (a handle variable still in use,
  ! arrays of unequal sizes), which the library cannot know: own_status is VOSIA_OK when the
  ! last failure came from the library. Per process, not per thread.
  integer :: own_status = VOSIA_OK
  character(len=160) :: own_error = ''

  ! ---------------------------------------------------------- the C API (private names)
  ! Shapes shared by several C functions (H: a handle of any kind).
  abstract interface
    ! const char *f(void)
    type(c_ptr) function void_str_fn() bind(c)
      import :: c_ptr
    end function
    ! int32_t f(void)
    integer(c_int32_t) function void_int_fn() bind(c)
      import :: c_int32_t
    end function
    ! void f(H *h)
    subroutine free_fn(h) bind(c)
      import :: c_ptr
      type(c_ptr), value :: h
    end subroutine
    ! vosia_status f(H *h, const char **out)
    integer(c_int32_t) function str_fn(h, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status f(const H *h, H2 **out)   (a new handle into *out)
    integer(c_int32_t) function create_fn(h, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status f(const H *h, int32_t key, const char **out)
    integer(c_int32_t) function key_str_fn(h, key, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int32_t), value :: key
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status f(const H *h, int32_t key, int32_t *out)
    integer(c_int32_t) function key_int_fn(h, key, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int32_t), value :: key
      integer(c_int32_t), intent(out) :: out
    end function
    ! int32_t f(const vosia_results *r)   (-1 on failure)
    integer(c_int32_t) function count32_fn(r) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: r
    end function
    ! int64_t f(const vosia_results *r)   (-1 on failure)
    integer(c_int64_t) function count64_fn(r) bind(c)
      import :: c_int64_t, c_ptr
      type(c_ptr), value :: r
    end function
    ! vosia_status f(const H *h, int32_t i, int32_t k, const char **out)
    integer(c_int32_t) function keyed_str_fn(h, i, k, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int32_t), value :: i, k
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status f(const H *h, int32_t i, int32_t k, int32_t key, const char **out)
    integer(c_int32_t) function keyed2_str_fn(h, i, k, key, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int32_t), value :: i, k, key
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status f(H *h, int32_t *out)
    integer(c_int32_t) function int_fn(h, out) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int32_t), intent(out) :: out
    end function
    ! vosia_status f(const H *h, const char *name, int32_t *out)
    integer(c_int32_t) function lookup_fn(h, name, out) bind(c)
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: h
      character(kind=c_char), dimension(*), intent(in) :: name
      integer(c_int32_t), intent(out) :: out
    end function
    ! vosia_status f(H *h, const char *value)
    integer(c_int32_t) function set_str_fn(h, v) bind(c)
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: h
      character(kind=c_char), dimension(*), intent(in) :: v
    end function
    ! vosia_status f(H *h, const char *name, const char *value)
    integer(c_int32_t) function set_str2_fn(h, name, v) bind(c)
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: h
      character(kind=c_char), dimension(*), intent(in) :: name, v
    end function
    ! vosia_status f(H *h, int32_t value)
    integer(c_int32_t) function set_int_fn(h, v) bind(c)
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int32_t), value :: v
    end function
    ! vosia_status f(H *h, double value)
    integer(c_int32_t) function set_real_fn(h, v) bind(c)
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: h
      real(c_double), value :: v
    end function
    ! vosia_status f(H *h, double a, double b)
    integer(c_int32_t) function set_real2_fn(h, a, b) bind(c)
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: h
      real(c_double), value :: a, b
    end function
    ! vosia_status f(const vosia_downloads *d, int64_t i, const char **out)
    integer(c_int32_t) function entry_str_fn(d, i, out) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: d
      integer(c_int64_t), value :: i
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status f(const vosia_results *r, int64_t row, int32_t key, const char **out)
    integer(c_int32_t) function cell_str_fn(r, row, key, out) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: r
      integer(c_int64_t), value :: row
      integer(c_int32_t), value :: key
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status f(const vosia_results *r, int64_t row, int32_t key, double *out)
    integer(c_int32_t) function cell_double_fn(r, row, key, out) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr, c_double
      type(c_ptr), value :: r
      integer(c_int64_t), value :: row
      integer(c_int32_t), value :: key
      real(c_double), intent(out) :: out
    end function
    ! vosia_status f(const vosia_results *r, int64_t row, int32_t key, double *buf,
    !                size_t cap, size_t *n)
    integer(c_int32_t) function cell_array_fn(r, row, key, buf, cap, n) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr, c_double, c_size_t
      type(c_ptr), value :: r
      integer(c_int64_t), value :: row
      integer(c_int32_t), value :: key
      real(c_double), dimension(*), intent(inout) :: buf
      integer(c_size_t), value :: cap
      integer(c_size_t), intent(out) :: n
    end function
    ! vosia_status f(const vosia_results *r, int32_t key, int64_t first_row, int64_t n_rows,
    !                double *values, int32_t *nulls)
    integer(c_int32_t) function double_column_fn(r, key, first, n, values, nulls) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr, c_double
      type(c_ptr), value :: r, nulls
      integer(c_int32_t), value :: key
      integer(c_int64_t), value :: first, n
      real(c_double), dimension(*), intent(inout) :: values
    end function
    ! vosia_status f(const vosia_results *r, int32_t key, int64_t first_row, int64_t n_rows,
    !                const char **values)
    integer(c_int32_t) function text_column_fn(r, key, first, n, values) bind(c)
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: r
      integer(c_int32_t), value :: key
      integer(c_int64_t), value :: first, n
      type(c_ptr), dimension(*), intent(inout) :: values
    end function
  end interface

  ! library
  ! const char *vosia_version(void);
  procedure(void_str_fn), bind(c, name='vosia_version') :: c_version
  ! int32_t vosia_version_number(void);
  procedure(void_int_fn), bind(c, name='vosia_version_number') :: c_version_number
  ! const char *vosia_last_error(void);
  procedure(void_str_fn), bind(c, name='vosia_last_error') :: c_last_error
  ! vosia_status vosia_last_status(void);
  procedure(void_int_fn), bind(c, name='vosia_last_status') :: c_last_status
  ! int32_t vosia_field_count(void);
  procedure(void_int_fn), bind(c, name='vosia_field_count') :: c_field_count
  ! void vosia_service_free(vosia_service *s);
  procedure(free_fn), bind(c, name='vosia_service_free') :: c_service_free
  ! void vosia_query_free(vosia_query *q);
  procedure(free_fn), bind(c, name='vosia_query_free') :: c_query_free
  ! void vosia_results_free(vosia_results *r);
  procedure(free_fn), bind(c, name='vosia_results_free') :: c_results_free
  ! void vosia_downloads_free(vosia_downloads *d);
  procedure(free_fn), bind(c, name='vosia_downloads_free') :: c_downloads_free
  ! void vosia_batch_free(vosia_batch *b);
  procedure(free_fn), bind(c, name='vosia_batch_free') :: c_batch_free
  ! void vosia_registry_query_free(vosia_registry_query *q);
  procedure(free_fn), bind(c, name='vosia_registry_query_free') :: c_registry_query_free
  ! void vosia_registry_hits_free(vosia_registry_hits *h);
  procedure(free_fn), bind(c, name='vosia_registry_hits_free') :: c_registry_hits_free
  ! void vosia_samp_free(vosia_samp *s);
  procedure(free_fn), bind(c, name='vosia_samp_free') :: c_samp_free
  ! int64_t vosia_registry_hits_count(const vosia_registry_hits *h);
  procedure(count64_fn), bind(c, name='vosia_registry_hits_count') :: c_registry_hits_count
  ! int64_t vosia_batch_count(const vosia_batch *b);
  procedure(count64_fn), bind(c, name='vosia_batch_count') :: c_batch_count
  ! vosia_status vosia_batch_get_error(const vosia_batch *b, int64_t i, const char **out);
  procedure(entry_str_fn), bind(c, name='vosia_batch_get_error') :: c_batch_get_error
  ! vosia_status vosia_batch_get_results(const vosia_batch *b, int64_t i,
  !                                      const vosia_results **out);
  procedure(entry_str_fn), bind(c, name='vosia_batch_get_results') :: c_batch_get_results
  ! service
  ! vosia_status vosia_service_set_timeout(vosia_service *s, double seconds);
  procedure(set_real_fn), bind(c, name='vosia_service_set_timeout') :: c_service_set_timeout
  ! vosia_status vosia_service_set_connect_timeout(vosia_service *s, double seconds);
  procedure(set_real_fn), bind(c, name='vosia_service_set_connect_timeout') :: &
      c_service_set_connect_timeout
  ! vosia_status vosia_service_set_keepalive(vosia_service *s, int32_t on);
  procedure(set_int_fn), bind(c, name='vosia_service_set_keepalive') :: c_service_set_keepalive
  ! vosia_status vosia_service_add_header(vosia_service *s, const char *name,
  !                                       const char *value);
  procedure(set_str2_fn), bind(c, name='vosia_service_add_header') :: c_service_add_header
  ! vosia_status vosia_service_trust_redirects_to(vosia_service *s, const char *origin);
  procedure(set_str_fn), bind(c, name='vosia_service_trust_redirects_to') :: &
      c_service_trust_redirects_to
  ! vosia_status vosia_service_get_version(const vosia_service *s, int32_t *out);
  procedure(int_fn), bind(c, name='vosia_service_get_version') :: c_service_get_version
  ! vosia_status vosia_service_param_count(const vosia_service *s, int32_t *out);
  procedure(int_fn), bind(c, name='vosia_service_param_count') :: c_service_param_count
  ! vosia_status vosia_service_column_count(const vosia_service *s, int32_t *out);
  procedure(int_fn), bind(c, name='vosia_service_column_count') :: c_service_column_count
  ! vosia_status vosia_service_fetch_capabilities(vosia_service *s, int32_t *count_out);
  procedure(int_fn), bind(c, name='vosia_service_fetch_capabilities') :: &
      c_service_fetch_capabilities
  ! vosia_status vosia_service_param_index(const vosia_service *s, const char *name,
  !                                        int32_t *out);
  procedure(lookup_fn), bind(c, name='vosia_service_param_index') :: c_service_param_index
  ! vosia_status vosia_service_get_param_attr(const vosia_service *s, int32_t i, int32_t attr,
  !                                           const char **out);
  procedure(keyed_str_fn), bind(c, name='vosia_service_get_param_attr') :: &
      c_service_get_param_attr
  ! vosia_status vosia_service_get_param_option(const vosia_service *s, int32_t i, int32_t k,
  !                                             const char **out);
  procedure(keyed_str_fn), bind(c, name='vosia_service_get_param_option') :: &
      c_service_get_param_option
  ! vosia_status vosia_service_get_column_attr(const vosia_service *s, int32_t i,
  !                                            int32_t attr, const char **out);
  procedure(keyed_str_fn), bind(c, name='vosia_service_get_column_attr') :: &
      c_service_get_column_attr
  ! vosia_status vosia_service_get_capability_attr(const vosia_service *s, int32_t i,
  !                                                int32_t attr, const char **out);
  procedure(keyed_str_fn), bind(c, name='vosia_service_get_capability_attr') :: &
      c_service_get_capability_attr
  ! vosia_status vosia_service_get_attr(const vosia_service *s, int32_t attr,
  !                                     const char **out);
  procedure(key_str_fn), bind(c, name='vosia_service_get_attr') :: c_service_get_attr
  ! vosia_status vosia_service_param_option_count(const vosia_service *s, int32_t i,
  !                                               int32_t *out);
  procedure(key_int_fn), bind(c, name='vosia_service_param_option_count') :: &
      c_service_param_option_count
  ! query
  ! vosia_status vosia_query_new(const vosia_service *s, vosia_query **out);
  procedure(create_fn), bind(c, name='vosia_query_new') :: c_query_new
  ! vosia_status vosia_query_clone(const vosia_query *q, vosia_query **out);
  procedure(create_fn), bind(c, name='vosia_query_clone') :: c_query_clone
  ! vosia_status vosia_query_execute(vosia_query *q, vosia_results **out);
  procedure(create_fn), bind(c, name='vosia_query_execute') :: c_query_execute
  ! vosia_status vosia_query_set_pos(vosia_query *q, double ra_deg, double dec_deg);
  procedure(set_real2_fn), bind(c, name='vosia_query_set_pos') :: c_query_set_pos
  ! vosia_status vosia_query_set_size(vosia_query *q, double ra_deg, double dec_deg);
  procedure(set_real2_fn), bind(c, name='vosia_query_set_size') :: c_query_set_size
  ! vosia_status vosia_query_set_intersect(vosia_query *q, const char *intersect);
  procedure(set_str_fn), bind(c, name='vosia_query_set_intersect') :: c_query_set_intersect
  ! vosia_status vosia_query_set_verb(vosia_query *q, int32_t verb);
  procedure(set_int_fn), bind(c, name='vosia_query_set_verb') :: c_query_set_verb
  ! vosia_status vosia_query_set_format(vosia_query *q, const char *format);
  procedure(set_str_fn), bind(c, name='vosia_query_set_format') :: c_query_set_format
  ! vosia_status vosia_query_add_format(vosia_query *q, const char *format);
  procedure(set_str_fn), bind(c, name='vosia_query_add_format') :: c_query_add_format
  ! vosia_status vosia_query_set_responseformat(vosia_query *q, const char *format);
  procedure(set_str_fn), bind(c, name='vosia_query_set_responseformat') :: &
      c_query_set_responseformat
  ! vosia_status vosia_query_add_calib(vosia_query *q, int32_t level);
  procedure(set_int_fn), bind(c, name='vosia_query_add_calib') :: c_query_add_calib
  ! vosia_status vosia_query_set_param(vosia_query *q, const char *name, const char *value);
  procedure(set_str2_fn), bind(c, name='vosia_query_set_param') :: c_query_set_param
  ! vosia_status vosia_query_add_param(vosia_query *q, const char *name, const char *value);
  procedure(set_str2_fn), bind(c, name='vosia_query_add_param') :: c_query_add_param
  ! vosia_status vosia_query_remove_param(vosia_query *q, const char *name);
  procedure(set_str_fn), bind(c, name='vosia_query_remove_param') :: c_query_remove_param
  ! vosia_status vosia_query_url(vosia_query *q, const char **out);
  procedure(str_fn), bind(c, name='vosia_query_url') :: c_query_url
  ! vosia_status vosia_query_error(const vosia_query *q, const char **out);
  procedure(str_fn), bind(c, name='vosia_query_error') :: c_query_error
  ! results
  ! int64_t vosia_results_row_count(const vosia_results *r);
  procedure(count64_fn), bind(c, name='vosia_results_row_count') :: c_results_row_count
  ! int32_t vosia_results_column_count(const vosia_results *r);
  procedure(count32_fn), bind(c, name='vosia_results_column_count') :: c_results_column_count
  ! int32_t vosia_results_overflow(const vosia_results *r);
  procedure(count32_fn), bind(c, name='vosia_results_overflow') :: c_results_overflow
  ! int64_t vosia_results_warning_count(const vosia_results *r);
  procedure(count64_fn), bind(c, name='vosia_results_warning_count') :: c_results_warning_count
  ! vosia_status vosia_results_warning(const vosia_results *r, int32_t i, const char **out);
  procedure(key_str_fn), bind(c, name='vosia_results_warning') :: c_results_warning
  ! vosia_status vosia_results_column_datatype(const vosia_results *r, int32_t col,
  !                                            int32_t *out);
  procedure(key_int_fn), bind(c, name='vosia_results_column_datatype') :: c_results_column_datatype
  ! vosia_status vosia_results_std_column(const vosia_results *r, int32_t field,
  !                                       int32_t *out);
  procedure(key_int_fn), bind(c, name='vosia_results_std_column') :: c_results_std_column
  ! vosia_status vosia_results_column_index(const vosia_results *r, const char *name_or_id,
  !                                         int32_t *out);
  procedure(lookup_fn), bind(c, name='vosia_results_column_index') :: c_results_column_index
  ! vosia_status vosia_results_column_by_ucd(const vosia_results *r, const char *ucd,
  !                                          int32_t *out);
  procedure(lookup_fn), bind(c, name='vosia_results_column_by_ucd') :: c_results_column_by_ucd
  ! vosia_status vosia_results_column_by_utype(const vosia_results *r, const char *utype,
  !                                            int32_t *out);
  procedure(lookup_fn), bind(c, name='vosia_results_column_by_utype') :: &
      c_results_column_by_utype
  ! vosia_status vosia_results_get_column_attr(const vosia_results *r, int32_t col,
  !                                            int32_t attr, const char **out);
  procedure(keyed_str_fn), bind(c, name='vosia_results_get_column_attr') :: &
      c_results_get_column_attr
  ! vosia_status vosia_results_get_str(const vosia_results *r, int64_t row, int32_t col,
  !                                    const char **out);
  procedure(cell_str_fn), bind(c, name='vosia_results_get_str') :: c_results_get_str
  ! vosia_status vosia_results_get_text(const vosia_results *r, int64_t row, int32_t col,
  !                                     const char **out);
  procedure(cell_str_fn), bind(c, name='vosia_results_get_text') :: c_results_get_text
  ! vosia_status vosia_results_get_std_str(const vosia_results *r, int64_t row,
  !                                        int32_t field, const char **out);
  procedure(cell_str_fn), bind(c, name='vosia_results_get_std_str') :: c_results_get_std_str
  ! vosia_status vosia_results_get_double(const vosia_results *r, int64_t row, int32_t col,
  !                                       double *out);
  procedure(cell_double_fn), bind(c, name='vosia_results_get_double') :: c_results_get_double
  ! vosia_status vosia_results_get_std_double(const vosia_results *r, int64_t row,
  !                                           int32_t field, double *out);
  procedure(cell_double_fn), bind(c, name='vosia_results_get_std_double') :: &
      c_results_get_std_double
  ! vosia_status vosia_results_get_double_array(const vosia_results *r, int64_t row,
  !                                             int32_t col, double *buf, size_t cap, size_t *n);
  procedure(cell_array_fn), bind(c, name='vosia_results_get_double_array') :: &
      c_results_get_double_array
  ! vosia_status vosia_results_get_std_double_array(const vosia_results *r, int64_t row,
  !                                   int32_t field, double *buf, size_t cap, size_t *n);
  procedure(cell_array_fn), bind(c, name='vosia_results_get_std_double_array') :: &
      c_results_get_std_double_array
  ! vosia_status vosia_results_get_double_column(const vosia_results *r, int32_t col,
  !                   int64_t first_row, int64_t n_rows, double *values, int32_t *nulls);
  procedure(double_column_fn), bind(c, name='vosia_results_get_double_column') :: &
      c_results_get_double_column
  ! vosia_status vosia_results_get_std_double_column(const vosia_results *r, int32_t field,
  !                   int64_t first_row, int64_t n_rows, double *values, int32_t *nulls);
  procedure(double_column_fn), bind(c, name='vosia_results_get_std_double_column') :: &
      c_results_get_std_double_column
  ! vosia_status vosia_results_get_text_column(const vosia_results *r, int32_t col,
  !                   int64_t first_row, int64_t n_rows, const char **values);
  procedure(text_column_fn), bind(c, name='vosia_results_get_text_column') :: &
      c_results_get_text_column
  ! vosia_status vosia_results_get_std_text_column(const vosia_results *r, int32_t field,
  !                   int64_t first_row, int64_t n_rows, const char **values);
  procedure(text_column_fn), bind(c, name='vosia_results_get_std_text_column') :: &
      c_results_get_std_text_column
  ! service descriptors
  ! vosia_status vosia_results_descriptor_count(const vosia_results *r, int32_t *out);
  procedure(int_fn), bind(c, name='vosia_results_descriptor_count') :: &
      c_results_descriptor_count
  ! vosia_status vosia_results_get_descriptor_attr(const vosia_results *r, int32_t i,
  !                                                int32_t attr, const char **out);
  procedure(keyed_str_fn), bind(c, name='vosia_results_get_descriptor_attr') :: &
      c_results_get_descriptor_attr
  ! vosia_status vosia_results_descriptor_input_count(const vosia_results *r, int32_t i,
  !                                                   int32_t *out);
  procedure(key_int_fn), bind(c, name='vosia_results_descriptor_input_count') :: &
      c_results_descriptor_input_count
  ! vosia_status vosia_results_get_descriptor_input_attr(const vosia_results *r, int32_t i,
  !                                                      int32_t k, int32_t attr,
  !                                                      const char **out);
  procedure(keyed2_str_fn), bind(c, name='vosia_results_get_descriptor_input_attr') :: &
      c_results_get_descriptor_input_attr
  ! vosia_status vosia_results_get_descriptor_input_option(const vosia_results *r, int32_t i,
  !                                                        int32_t k, int32_t o,
  !                                                        const char **out);
  procedure(keyed2_str_fn), bind(c, name='vosia_results_get_descriptor_input_option') :: &
      c_results_get_descriptor_input_option
  ! downloads
  ! vosia_status vosia_service_set_download_jobs(vosia_service *s, int32_t jobs);
  procedure(set_int_fn), bind(c, name='vosia_service_set_download_jobs') :: &
      c_service_set_download_jobs
  ! vosia_status vosia_service_set_download_timeout(vosia_service *s, double seconds);
  procedure(set_real_fn), bind(c, name='vosia_service_set_download_timeout') :: &
      c_service_set_download_timeout
  ! int64_t vosia_downloads_count(const vosia_downloads *d);
  procedure(count64_fn), bind(c, name='vosia_downloads_count') :: c_downloads_count
  ! vosia_status vosia_downloads_get_path(const vosia_downloads *d, int64_t i,
  !                                       const char **out);
  procedure(entry_str_fn), bind(c, name='vosia_downloads_get_path') :: c_downloads_get_path
  ! vosia_status vosia_downloads_get_error(const vosia_downloads *d, int64_t i,
  !                                        const char **out);
  procedure(entry_str_fn), bind(c, name='vosia_downloads_get_error') :: c_downloads_get_error

  ! The C functions of a shape of their own.
  interface
    ! size_t strlen(const char *s);   (the C library's)
    function c_strlen(s) bind(c, name='strlen') result(n)
      import :: c_ptr, c_size_t
      type(c_ptr), value :: s
      integer(c_size_t) :: n
    end function
    ! const char *vosia_strerror(vosia_status status);
    type(c_ptr) function c_strerror(st) bind(c, name='vosia_strerror')
      import :: c_ptr, c_int32_t
      integer(c_int32_t), value :: st
    end function
    ! vosia_status vosia_field_get_attr(int32_t field, int32_t attr, const char **out);
    integer(c_int32_t) function c_field_get_attr(field, attr, out) &
        bind(c, name='vosia_field_get_attr')
      import :: c_int32_t, c_ptr
      integer(c_int32_t), value :: field, attr
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status vosia_field_kind(int32_t field, int32_t *out);
    integer(c_int32_t) function c_field_kind(field, out) bind(c, name='vosia_field_kind')
      import :: c_int32_t
      integer(c_int32_t), value :: field
      integer(c_int32_t), intent(out) :: out
    end function
    ! vosia_status vosia_field_by_name(const char *name, int32_t *out);
    integer(c_int32_t) function c_field_by_name(name, out) bind(c, name='vosia_field_by_name')
      import :: c_int32_t, c_char
      character(kind=c_char), dimension(*), intent(in) :: name
      integer(c_int32_t), intent(out) :: out
    end function

    ! vosia_status vosia_service_new(const char *base_url, int32_t sia_version,
    !                                vosia_service **out);
    integer(c_int32_t) function c_service_new(url, ver, out) bind(c, name='vosia_service_new')
      import :: c_int32_t, c_ptr, c_char
      character(kind=c_char), dimension(*), intent(in) :: url
      integer(c_int32_t), value :: ver
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_service_discover(const char *url, double timeout_seconds,
    !                                     vosia_service **out);
    integer(c_int32_t) function c_service_discover(url, timeout, out) &
        bind(c, name='vosia_service_discover')
      import :: c_int32_t, c_ptr, c_char, c_double
      character(kind=c_char), dimension(*), intent(in) :: url
      real(c_double), value :: timeout
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_service_set_max_response_bytes(vosia_service *s, int64_t bytes);
    integer(c_int32_t) function c_service_set_max_response_bytes(s, bytes) &
        bind(c, name='vosia_service_set_max_response_bytes')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: s
      integer(c_int64_t), value :: bytes
    end function
    ! vosia_status vosia_service_set_ca_file(vosia_service *s, const char *path);
    integer(c_int32_t) function c_service_set_ca_file(s, path) &
        bind(c, name='vosia_service_set_ca_file')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: s
      character(kind=c_char), dimension(*), intent(in) :: path
    end function
    ! vosia_status vosia_service_set_client_cert(vosia_service *s, const char *path);
    integer(c_int32_t) function c_service_set_client_cert(s, path) &
        bind(c, name='vosia_service_set_client_cert')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: s
      character(kind=c_char), dimension(*), intent(in) :: path
    end function
    ! vosia_status vosia_service_set_memory_budget(vosia_service *s, int64_t bytes);
    integer(c_int32_t) function c_service_set_memory_budget(s, bytes) &
        bind(c, name='vosia_service_set_memory_budget')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: s
      integer(c_int64_t), value :: bytes
    end function
    ! vosia_status vosia_service_set_reader_threads(vosia_service *s, int32_t threads);
    integer(c_int32_t) function c_service_set_reader_threads(s, threads) &
        bind(c, name='vosia_service_set_reader_threads')
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: s
      integer(c_int32_t), value :: threads
    end function
    ! vosia_status vosia_results_parse_file_on_threads(const char *path, int32_t sia_version,
    !     int64_t memory_budget, int32_t threads, vosia_results **out);
    integer(c_int32_t) function c_results_parse_file_on_threads(path, ver, budget, threads, &
        out) bind(c, name='vosia_results_parse_file_on_threads')
      import :: c_int32_t, c_int64_t, c_ptr, c_char
      character(kind=c_char), dimension(*), intent(in) :: path
      integer(c_int32_t), value :: ver, threads
      integer(c_int64_t), value :: budget
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_service_set_post_above(vosia_service *s, int64_t url_bytes);
    integer(c_int32_t) function c_service_set_post_above(s, bytes) &
        bind(c, name='vosia_service_set_post_above')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: s
      integer(c_int64_t), value :: bytes
    end function
    ! vosia_status vosia_service_set_retries(vosia_service *s, int32_t max_retries,
    !                                        double max_wait_seconds);
    integer(c_int32_t) function c_service_set_retries(s, n, wait) &
        bind(c, name='vosia_service_set_retries')
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: s
      integer(c_int32_t), value :: n
      real(c_double), value :: wait
    end function
    ! vosia_status vosia_service_set_progress(vosia_service *s, vosia_progress_fn progress,
    !                                         void *user);
    integer(c_int32_t) function c_service_set_progress(s, fn, user) &
        bind(c, name='vosia_service_set_progress')
      import :: c_int32_t, c_ptr, c_funptr
      type(c_ptr), value :: s, user
      type(c_funptr), value :: fn
    end function
    ! vosia_status vosia_service_set_file_progress(vosia_service *s,
    !                                              vosia_progress_fn progress, void *user);
    integer(c_int32_t) function c_service_set_file_progress(s, fn, user) &
        bind(c, name='vosia_service_set_file_progress')
      import :: c_int32_t, c_ptr, c_funptr
      type(c_ptr), value :: s, user
      type(c_funptr), value :: fn
    end function
    ! vosia_status vosia_service_fetch_metadata(vosia_service *s);
    integer(c_int32_t) function c_service_fetch_metadata(s) &
        bind(c, name='vosia_service_fetch_metadata')
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: s
    end function
    ! vosia_status vosia_service_check_availability(const vosia_service *s,
    !                          int32_t *available, char *note, size_t cap, size_t *len);
    integer(c_int32_t) function c_service_check_availability(s, up, note, cap, n) &
        bind(c, name='vosia_service_check_availability')
      import :: c_int32_t, c_ptr, c_size_t
      type(c_ptr), value :: s, note
      integer(c_int32_t), intent(out) :: up
      integer(c_size_t), value :: cap
      integer(c_size_t), intent(out) :: n
    end function

    ! vosia_status vosia_query_set_maxrec(vosia_query *q, int64_t maxrec);
    integer(c_int32_t) function c_query_set_maxrec(q, n) bind(c, name='vosia_query_set_maxrec')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: q
      integer(c_int64_t), value :: n
    end function
    ! vosia_status vosia_query_add_circle(vosia_query *q, double ra, double dec,
    !                                     double radius);
    integer(c_int32_t) function c_query_add_circle(q, ra, dec, r) &
        bind(c, name='vosia_query_add_circle')
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: q
      real(c_double), value :: ra, dec, r
    end function
    ! vosia_status vosia_query_add_range(vosia_query *q, double ra1, double ra2, double dec1,
    !                                    double dec2);
    integer(c_int32_t) function c_query_add_range(q, ra1, ra2, dec1, dec2) &
        bind(c, name='vosia_query_add_range')
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: q
      real(c_double), value :: ra1, ra2, dec1, dec2
    end function
    ! vosia_status vosia_query_add_polygon(vosia_query *q, const double *radec_pairs,
    !                                      size_t n_vertices);
    integer(c_int32_t) function c_query_add_polygon(q, radec, n) &
        bind(c, name='vosia_query_add_polygon')
      import :: c_int32_t, c_ptr, c_double, c_size_t
      type(c_ptr), value :: q
      real(c_double), dimension(*), intent(in) :: radec
      integer(c_size_t), value :: n
    end function
    ! vosia_status vosia_query_add_interval(vosia_query *q, int32_t param, double lo,
    !                                       double hi);
    integer(c_int32_t) function c_query_add_interval(q, param, lo, hi) &
        bind(c, name='vosia_query_add_interval')
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: q
      integer(c_int32_t), value :: param
      real(c_double), value :: lo, hi
    end function
    ! vosia_status vosia_query_add_text(vosia_query *q, int32_t param, const char *value);
    integer(c_int32_t) function c_query_add_text(q, param, v) bind(c, name='vosia_query_add_text')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: q
      integer(c_int32_t), value :: param
      character(kind=c_char), dimension(*), intent(in) :: v
    end function

    ! vosia_status vosia_results_parse(const char *data, size_t len, int32_t sia_version,
    !                                  vosia_results **out);
    integer(c_int32_t) function c_results_parse(data, n, ver, out) &
        bind(c, name='vosia_results_parse')
      import :: c_int32_t, c_ptr, c_char, c_size_t
      character(kind=c_char), dimension(*), intent(in) :: data
      integer(c_size_t), value :: n
      integer(c_int32_t), value :: ver
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_results_parse_within(const char *data, size_t len,
    !                                         int32_t sia_version, int64_t memory_budget,
    !                                         vosia_results **out);
    integer(c_int32_t) function c_results_parse_within(data, n, ver, budget, out) &
        bind(c, name='vosia_results_parse_within')
      import :: c_int32_t, c_int64_t, c_ptr, c_char, c_size_t
      character(kind=c_char), dimension(*), intent(in) :: data
      integer(c_size_t), value :: n
      integer(c_int32_t), value :: ver
      integer(c_int64_t), value :: budget
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_results_parse_file_within(const char *path, int32_t sia_version,
    !                                              int64_t memory_budget,
    !                                              vosia_results **out);
    integer(c_int32_t) function c_results_parse_file_within(path, ver, budget, out) &
        bind(c, name='vosia_results_parse_file_within')
      import :: c_int32_t, c_int64_t, c_ptr, c_char
      character(kind=c_char), dimension(*), intent(in) :: path
      integer(c_int32_t), value :: ver
      integer(c_int64_t), value :: budget
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_results_parse_file_in_batches(const char *path,
    !     int32_t sia_version, int64_t memory_budget, int64_t batch_rows,
    !     vosia_rows_fn on_rows, void *user, vosia_results **out);
    integer(c_int32_t) function c_results_parse_file_in_batches(path, ver, budget, &
        batch_rows, on_rows, user, out) bind(c, name='vosia_results_parse_file_in_batches')
      import :: c_int32_t, c_int64_t, c_ptr, c_char, c_funptr
      character(kind=c_char), dimension(*), intent(in) :: path
      integer(c_int32_t), value :: ver
      integer(c_int64_t), value :: budget, batch_rows
      type(c_funptr), value :: on_rows
      type(c_ptr), value :: user
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_query_execute_in_batches(vosia_query *q, int64_t batch_rows,
    !     vosia_rows_fn on_rows, void *user, vosia_results **out);
    integer(c_int32_t) function c_query_execute_in_batches(q, batch_rows, on_rows, user, &
        out) bind(c, name='vosia_query_execute_in_batches')
      import :: c_int32_t, c_int64_t, c_ptr, c_funptr
      type(c_ptr), value :: q
      integer(c_int64_t), value :: batch_rows
      type(c_funptr), value :: on_rows
      type(c_ptr), value :: user
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_results_parse_file(const char *path, int32_t sia_version,
    !                                       vosia_results **out);
    integer(c_int32_t) function c_results_parse_file(path, ver, out) &
        bind(c, name='vosia_results_parse_file')
      import :: c_int32_t, c_ptr, c_char
      character(kind=c_char), dimension(*), intent(in) :: path
      integer(c_int32_t), value :: ver
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_query_execute_saving(vosia_query *q, const char *path,
    !                                         vosia_results **out);
    integer(c_int32_t) function c_query_execute_saving(q, path, out) &
        bind(c, name='vosia_query_execute_saving')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: q
      character(kind=c_char), dimension(*), intent(in) :: path
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_results_info(const vosia_results *r, const char *name,
    !                                 const char **out);
    integer(c_int32_t) function c_results_info(r, name, out) bind(c, name='vosia_results_info')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: r
      character(kind=c_char), dimension(*), intent(in) :: name
      type(c_ptr), intent(out) :: out
    end function
    ! int32_t vosia_results_is_null(const vosia_results *r, int64_t row, int32_t col);
    integer(c_int32_t) function c_results_is_null(r, row, col) &
        bind(c, name='vosia_results_is_null')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: r
      integer(c_int64_t), value :: row
      integer(c_int32_t), value :: col
    end function
    ! vosia_status vosia_results_get_int64(const vosia_results *r, int64_t row, int32_t col,
    !                                      int64_t *out);
    integer(c_int32_t) function c_results_get_int64(r, row, col, out) &
        bind(c, name='vosia_results_get_int64')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: r
      integer(c_int64_t), value :: row
      integer(c_int32_t), value :: col
      integer(c_int64_t), intent(out) :: out
    end function
    ! vosia_status vosia_results_get_int64_column(const vosia_results *r, int32_t col,
    !                   int64_t first_row, int64_t n_rows, int64_t *values, int32_t *nulls);
    integer(c_int32_t) function c_results_get_int64_column(r, col, first, n, values, nulls) &
        bind(c, name='vosia_results_get_int64_column')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: r, nulls
      integer(c_int32_t), value :: col
      integer(c_int64_t), value :: first, n
      integer(c_int64_t), dimension(*), intent(inout) :: values
    end function

    ! vosia_status vosia_results_descriptor_input_option_count(const vosia_results *r,
    !                                                          int32_t i, int32_t k,
    !                                                          int32_t *out);
    integer(c_int32_t) function c_results_descriptor_input_option_count(r, i, k, out) &
        bind(c, name='vosia_results_descriptor_input_option_count')
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: r
      integer(c_int32_t), value :: i, k
      integer(c_int32_t), intent(out) :: out
    end function

    ! vosia_status vosia_service_set_max_download_bytes(vosia_service *s, int64_t bytes);
    integer(c_int32_t) function c_service_set_max_download_bytes(s, bytes) &
        bind(c, name='vosia_service_set_max_download_bytes')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: s
      integer(c_int64_t), value :: bytes
    end function
    ! vosia_status vosia_service_download_url(const vosia_service *s, const char *url,
    !                   const char *dir, const char *name, int32_t flags,
    !                   vosia_downloads **out);
    integer(c_int32_t) function c_service_download_url(s, url, dir, name, flags, out) &
        bind(c, name='vosia_service_download_url')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: s, name
      character(kind=c_char), dimension(*), intent(in) :: url, dir
      integer(c_int32_t), value :: flags
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_service_download_rows(const vosia_service *s, const vosia_results *r,
    !                   int64_t first_row, int64_t n_rows, const char *dir, int32_t flags,
    !                   vosia_downloads **out);
    integer(c_int32_t) function c_service_download_rows(s, r, first, n, dir, flags, out) &
        bind(c, name='vosia_service_download_rows')
      import :: c_int32_t, c_int64_t, c_ptr, c_char
      type(c_ptr), value :: s, r
      integer(c_int64_t), value :: first, n
      character(kind=c_char), dimension(*), intent(in) :: dir
      integer(c_int32_t), value :: flags
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_service_datalink_rows(const vosia_service *s, const vosia_results *r,
    !                   int64_t first_row, int64_t n_rows, vosia_results **out);
    integer(c_int32_t) function c_service_datalink_rows(s, r, first, n, out) &
        bind(c, name='vosia_service_datalink_rows')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: s, r
      integer(c_int64_t), value :: first, n
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_service_cutout_rows(const vosia_service *s, const vosia_results *r,
    !                   int64_t first_row, int64_t n_rows, const char *const *names,
    !                   const char *const *values, size_t n_params, const char *dir,
    !                   int32_t flags, vosia_downloads **out);
    integer(c_int32_t) function c_service_cutout_rows(s, r, first, n, names, values, &
        n_params, dir, flags, out) bind(c, name='vosia_service_cutout_rows')
      import :: c_int32_t, c_int64_t, c_size_t, c_ptr, c_char
      type(c_ptr), value :: s, r, names, values
      integer(c_int64_t), value :: first, n
      integer(c_size_t), value :: n_params
      character(kind=c_char), dimension(*), intent(in) :: dir
      integer(c_int32_t), value :: flags
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_batch_execute(const vosia_query *const *queries, int64_t count,
    !     int32_t jobs, int32_t per_host, double min_interval, vosia_progress_fn progress,
    !     void *user, vosia_batch **out);
    integer(c_int32_t) function c_batch_execute(queries, count, jobs, per_host, &
        min_interval, progress, user, out) bind(c, name='vosia_batch_execute')
      import :: c_int32_t, c_int64_t, c_double, c_ptr, c_funptr
      type(c_ptr), intent(in) :: queries(*)
      integer(c_int64_t), value :: count
      integer(c_int32_t), value :: jobs, per_host
      real(c_double), value :: min_interval
      type(c_funptr), value :: progress
      type(c_ptr), value :: user
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_results_circles_met(const vosia_results *r, int64_t row,
    !     const double *circles, int32_t n_circles, int32_t *met);
    integer(c_int32_t) function c_results_circles_met(r, row, circles, n, met) &
        bind(c, name='vosia_results_circles_met')
      import :: c_int32_t, c_int64_t, c_double, c_ptr
      type(c_ptr), value :: r
      integer(c_int64_t), value :: row
      real(c_double), intent(in) :: circles(*)
      integer(c_int32_t), value :: n
      integer(c_int32_t), intent(out) :: met(*)
    end function
    ! vosia_status vosia_batch_status(const vosia_batch *b, int64_t i, vosia_status *out);
    integer(c_int32_t) function c_batch_status(b, i, out) bind(c, name='vosia_batch_status')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: b
      integer(c_int64_t), value :: i
      integer(c_int32_t), intent(out) :: out
    end function
    ! vosia_status vosia_downloads_status(const vosia_downloads *d, int64_t i,
    !                                     vosia_status *out);
    integer(c_int32_t) function c_downloads_status(d, i, out) &
        bind(c, name='vosia_downloads_status')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: d
      integer(c_int64_t), value :: i
      integer(c_int32_t), intent(out) :: out
    end function
    ! vosia_status vosia_downloads_file(const vosia_downloads *d, int64_t i, int64_t *bytes,
    !                                   int32_t *how);
    integer(c_int32_t) function c_downloads_file(d, i, bytes, how) &
        bind(c, name='vosia_downloads_file')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: d
      integer(c_int64_t), value :: i
      integer(c_int64_t), intent(out) :: bytes
      integer(c_int32_t), intent(out) :: how
    end function
    ! vosia_status vosia_tap_query(const vosia_service *tap, const char *adql, int64_t maxrec,
    !                              vosia_results **out);
    integer(c_int32_t) function c_tap_query(tap, adql, maxrec, out) &
        bind(c, name='vosia_tap_query')
      import :: c_int32_t, c_int64_t, c_ptr, c_char
      type(c_ptr), value :: tap
      character(kind=c_char), dimension(*), intent(in) :: adql
      integer(c_int64_t), value :: maxrec
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_registry_query_new(vosia_registry_query **out);
    integer(c_int32_t) function c_registry_query_new(out) &
        bind(c, name='vosia_registry_query_new')
      import :: c_int32_t, c_ptr
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_registry_query_add(vosia_registry_query *q, int32_t constraint,
    !                                       const char *value);
    integer(c_int32_t) function c_registry_query_add(q, constraint, value) &
        bind(c, name='vosia_registry_query_add')
      import :: c_int32_t, c_ptr, c_char
      type(c_ptr), value :: q
      integer(c_int32_t), value :: constraint
      character(kind=c_char), dimension(*), intent(in) :: value
    end function
    ! vosia_status vosia_registry_query_set_position(vosia_registry_query *q, double ra_deg,
    !                                                double dec_deg, double radius_deg);
    integer(c_int32_t) function c_registry_query_set_position(q, ra, dec, radius) &
        bind(c, name='vosia_registry_query_set_position')
      import :: c_int32_t, c_ptr, c_double
      type(c_ptr), value :: q
      real(c_double), value :: ra, dec, radius
    end function
    ! vosia_status vosia_registry_search(const vosia_service *registry,
    !                   const vosia_registry_query *q, vosia_registry_hits **out);
    integer(c_int32_t) function c_registry_search(registry, q, out) &
        bind(c, name='vosia_registry_search')
      import :: c_int32_t, c_ptr
      type(c_ptr), value :: registry, q
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_registry_hits_get_attr(const vosia_registry_hits *h, int64_t i,
    !                                           int32_t attr, const char **out);
    integer(c_int32_t) function c_registry_hits_get_attr(h, i, attr, out) &
        bind(c, name='vosia_registry_hits_get_attr')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int64_t), value :: i
      integer(c_int32_t), value :: attr
      type(c_ptr), intent(out) :: out
    end function
    ! vosia_status vosia_registry_hits_version(const vosia_registry_hits *h, int64_t i,
    !                                          int32_t *out);
    integer(c_int32_t) function c_registry_hits_version(h, i, out) &
        bind(c, name='vosia_registry_hits_version')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int64_t), value :: i
      integer(c_int32_t), intent(out) :: out
    end function
    ! vosia_status vosia_registry_hits_service(const vosia_registry_hits *h, int64_t i,
    !                                          vosia_service **out);
    integer(c_int32_t) function c_registry_hits_service(h, i, out) &
        bind(c, name='vosia_registry_hits_service')
      import :: c_int32_t, c_int64_t, c_ptr
      type(c_ptr), value :: h
      integer(c_int64_t), value :: i
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_samp_connect(const char *name, vosia_samp **out);
    integer(c_int32_t) function c_samp_connect(name, out) bind(c, name='vosia_samp_connect')
      import :: c_int32_t, c_ptr, c_char
      character(kind=c_char), dimension(*), intent(in) :: name
      type(c_ptr), intent(inout) :: out
    end function
    ! vosia_status vosia_samp_send(const vosia_samp *s, int32_t what, const char *file_or_url,
    !                   const char *name, const char *recipient, size_t *reached);
    integer(c_int32_t) function c_samp_send(s, what, file_or_url, name, recipient, reached) &
        bind(c, name='vosia_samp_send')
      import :: c_int32_t, c_ptr, c_char, c_size_t
      type(c_ptr), value :: s, name, recipient
      integer(c_int32_t), value :: what
      character(kind=c_char), dimension(*), intent(in) :: file_or_url
      integer(c_size_t), intent(out) :: reached
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

  !> The same as an array of characters, for a C argument that may be NULL (c_loc of it).
  pure subroutine f_c_chars(s, chars)
    character(len=*), intent(in) :: s
    character(kind=c_char), dimension(:), allocatable, intent(out) :: chars
    integer :: i, n
    n = len_trim(s)
    allocate(chars(n + 1))
    do i = 1, n
      chars(i) = s(i:i)
    end do
    chars(n + 1) = c_null_char
  end subroutine

  !> Puts s (trailing blanks trimmed) and a NUL into chars(k:), p pointing at its first
  !> character; k moves past the NUL.
  subroutine put_c_str(s, chars, k, p)
    character(len=*), intent(in) :: s
    character(kind=c_char), dimension(:), intent(inout), target :: chars
    integer, intent(inout) :: k
    type(c_ptr), intent(out) :: p
    integer :: i, n
    n = len_trim(s)
    p = c_loc(chars(k))
    do i = 1, n
      chars(k + i - 1) = s(i:i)
    end do
    chars(k + n) = c_null_char
    k = k + n + 1
  end subroutine

  !> A copy of the NUL-terminated C string at p ("" for a null pointer): every string the
  !> library lends goes through here.
  function c_f_str(p) result(s)
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable :: s
    character(kind=c_char), dimension(:), pointer :: chars
    integer :: i
    if (.not. c_associated(p)) then
      s = ''
      return
    end if
    call c_f_pointer(p, chars, [c_strlen(p)])
    allocate(character(len=size(chars)) :: s)
    do i = 1, size(chars)
      s(i:i) = chars(i)
    end do
  end function

  !> Whether a routine entered with `status` goes on (only after no failure); clears is_null.
  logical function proceed(status, is_null)
    integer, intent(in) :: status
    logical, intent(out), optional :: is_null
    if (present(is_null)) is_null = .false.
    proceed = status == VOSIA_OK
  end function

  !> Folds the status `st` of a C call into `status`: an error sets it (its detail is the
  !> library's), VOSIA_NULL_VALUE only sets is_null, when present, and never status.
  subroutine take(st, status, is_null)
    integer(c_int32_t), intent(in) :: st
    integer, intent(inout) :: status
    logical, intent(inout), optional :: is_null
    if (st == VOSIA_NULL_VALUE) then
      if (present(is_null)) is_null = .true.
    else if (st /= VOSIA_OK) then
      status = int(st)
      own_status = VOSIA_OK
    end if
  end subroutine

  !> As take, for a C getter that lent the string `p`: value is its copy, or "".
  subroutine take_str(st, p, value, status, is_null)
    integer(c_int32_t), intent(in) :: st
    type(c_ptr), intent(in) :: p
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(inout), optional :: is_null
    call take(st, status, is_null)
    value = ''
    if (st == VOSIA_OK) value = c_f_str(p)
  end subroutine

  !> The status of a C function that returned a value and -1 for failure (`failed`):
  !> vosia_last_status() says which failure.
  subroutine take_last(failed, status)
    logical, intent(in) :: failed
    integer, intent(inout) :: status
    integer(c_int32_t) :: st
    if (.not. failed) return
    st = c_last_status()
    if (st == VOSIA_OK) st = VOSIA_E_INTERNAL  ! a failure the library did not record
    call take(st, status)
  end subroutine

  !> Sets status to a failure the module found itself, with the detail vosia_errmsg gives.
  subroutine fail(status, code, detail)
    integer, intent(inout) :: status
    integer(c_int32_t), intent(in) :: code
    character(len=*), intent(in) :: detail
    status = int(code)
    own_status = int(code)
    own_error = detail
  end subroutine

  !> Whether a routine that makes a new handle into the variable holding `h` goes on: status
  !> is VOSIA_OK and the variable is free (overwriting a live handle would leak it).
  logical function may_create(h, what, status)
    type(c_ptr), intent(in) :: h
    character(len=*), intent(in) :: what
    integer, intent(inout) :: status
    may_create = .false.
    if (status /= VOSIA_OK) return
    if (c_associated(h)) then
      call fail(status, VOSIA_E_INVALID_ARG, 'the ' // what // &
          ' variable still holds a live handle: vosia_free it first')
      return
    end if
    may_create = .true.
  end function

  !> The 0-based C row of an optional 1-based first_row (default: row 1).
  pure integer(c_int64_t) function row0(first_row)
    integer(c_int64_t), intent(in), optional :: first_row
    row0 = 0
    if (present(first_row)) row0 = first_row - 1
  end function

  !> Whether an optional is_null(:) has one element per value (n); VOSIA_E_INVALID_ARG if not.
  logical function mask_fits(n, is_null, status)
    integer(c_int64_t), intent(in) :: n
    logical, dimension(:), intent(in), optional :: is_null
    integer, intent(inout) :: status
    mask_fits = .true.
    if (.not. present(is_null)) return
    mask_fits = size(is_null, kind=c_int64_t) == n
    if (.not. mask_fits) &
        call fail(status, VOSIA_E_INVALID_ARG, 'is_null(:) must have one element per value')
  end function

  !> The C null flags (`int32_t *nulls`) of a column read of n rows: room for n in `flags`
  !> and its address when is_null(:) is present and fits, else NULL.
  subroutine null_flags(n, is_null, flags, p, status)
    integer(c_int64_t), intent(in) :: n
    logical, dimension(:), intent(in), optional :: is_null
    integer(c_int32_t), dimension(:), allocatable, target, intent(inout) :: flags
    type(c_ptr), intent(out) :: p
    integer, intent(inout) :: status
    p = c_null_ptr
    if (.not. mask_fits(n, is_null, status)) return
    if (.not. present(is_null)) return
    allocate(flags(max(1_c_int64_t, n)))
    p = c_loc(flags)
  end subroutine

  !> A string lent by fn(h, out) (a query's URL or execute error).
  subroutine handle_str(fn, h, value, status)
    procedure(str_fn) :: fn
    type(c_ptr), intent(in) :: h
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (status /= VOSIA_OK) return
    st = fn(h, p)
    call take_str(st, p, value, status)
  end subroutine

  !> A string lent by fn(h, i, k, out), i and k 0-based or keys (attributes, options).
  subroutine keyed_str(fn, h, i, k, value, status, is_null)
    procedure(keyed_str_fn) :: fn
    type(c_ptr), intent(in) :: h
    integer, intent(in) :: i, k
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = fn(h, int(i, c_int32_t), int(k, c_int32_t), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> A string lent by fn(h, i, k, key, out), i, k and key 0-based or keys (the attributes
  !> and options of a service descriptor's inputs).
  subroutine keyed2_str(fn, h, i, k, key, value, status, is_null)
    procedure(keyed2_str_fn) :: fn
    type(c_ptr), intent(in) :: h
    integer, intent(in) :: i, k, key
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = fn(h, int(i, c_int32_t), int(k, c_int32_t), int(key, c_int32_t), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> A string of download entry i (1-based) lent by fn(d, i, out) (its path or its error).
  subroutine entry_str(fn, dl, i, value, status, is_null)
    procedure(entry_str_fn) :: fn
    type(vosia_downloads_t), intent(in) :: dl
    integer(c_int64_t), intent(in) :: i
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = fn(dl%ptr, i - 1, p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> The C flags of an optional `flags` (default 0).
  pure integer(c_int32_t) function flags_arg(flags)
    integer, intent(in), optional :: flags
    flags_arg = 0
    if (present(flags)) flags_arg = int(flags, c_int32_t)
  end function

  !> A count written by fn(h, out); 0 when the call fails. (Not `v = 0` before the call
  !> and `n = int(v)` after it: `out` is intent(out), so the optimizer may drop that store
  !> and a failed call, which writes nothing, would give garbage.)
  subroutine handle_int(fn, h, n, status)
    procedure(int_fn) :: fn
    type(c_ptr), intent(in) :: h
    integer, intent(out) :: n
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    n = 0
    if (status /= VOSIA_OK) return
    st = fn(h, v)
    call take(st, status)
    if (st == VOSIA_OK) n = int(v)
  end subroutine

  !> The 1-based index found by fn(h, name, out); 0 when there is none.
  subroutine lookup(fn, h, name, i, status)
    procedure(lookup_fn) :: fn
    type(c_ptr), intent(in) :: h
    character(len=*), intent(in) :: name
    integer, intent(out) :: i
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    i = 0
    if (status /= VOSIA_OK) return
    st = fn(h, f_c_str(name), v)
    call take(st, status)
    if (st == VOSIA_OK) i = int(v) + 1
  end subroutine

  !> A cell (row 1-based, key a 1-based column or a field) lent as text by fn.
  subroutine cell_str(fn, res, row, key, value, status, is_null)
    procedure(cell_str_fn) :: fn
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: key
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = fn(res%ptr, row - 1, int(key, c_int32_t), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> A cell read as a double by fn; value is left as it was for a null.
  subroutine cell_double(fn, res, row, key, value, status, is_null)
    procedure(cell_double_fn) :: fn
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: key
    real(c_double), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    real(c_double) :: v
    integer(c_int32_t) :: st
    if (.not. proceed(status, is_null)) return
    st = fn(res%ptr, row - 1, int(key, c_int32_t), v)
    call take(st, status, is_null)
    if (st == VOSIA_OK) value = v
  end subroutine

  !> The numbers of a cell read by fn, sized to fit (a first try with room for 16).
  subroutine cell_array(fn, res, row, key, values, status, is_null)
    procedure(cell_array_fn) :: fn
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: key
    real(c_double), dimension(:), allocatable, intent(out) :: values
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    real(c_double), dimension(:), allocatable :: buf
    integer(c_size_t) :: n, cap
    integer(c_int32_t) :: st
    allocate(values(0))
    if (.not. proceed(status, is_null)) return
    cap = 16
    n = 0
    do  ! twice at most: a cell's size does not change
      allocate(buf(cap))
      st = fn(res%ptr, row - 1, int(key, c_int32_t), buf, cap, n)
      if (st /= VOSIA_E_BUFFER_SIZE .or. n <= cap) exit
      deallocate(buf)
      cap = n
    end do
    call take(st, status, is_null)
    if (st == VOSIA_OK) values = buf(1:n)
  end subroutine

  !> Rows first_row onwards of a column or field read by fn into values(:).
  subroutine double_column(fn, res, key, values, status, first_row, is_null)
    procedure(double_column_fn) :: fn
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: key
    real(c_double), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    integer(c_int32_t), dimension(:), allocatable, target :: flags
    integer(c_int64_t) :: n
    integer(c_int32_t) :: st
    type(c_ptr) :: pflags
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    n = size(values, kind=c_int64_t)
    call null_flags(n, is_null, flags, pflags, status)
    if (status /= VOSIA_OK) return
    st = fn(res%ptr, int(key, c_int32_t), row0(first_row), n, values, pflags)
    call take(st, status)
    if (st == VOSIA_NULL_VALUE) then  ! a standard field the result lacks: null in every row
      values = ieee_value(values, ieee_quiet_nan)
      if (present(is_null)) is_null = .true.
    else if (st == VOSIA_OK .and. present(is_null)) then
      is_null = flags(1:n) /= 0
    end if
  end subroutine

  !> Rows first_row onwards of a column or field lent as text by fn, into values(:).
  subroutine text_column(fn, res, key, values, status, first_row, is_null)
    procedure(text_column_fn) :: fn
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: key
    character(len=*), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    type(c_ptr), dimension(:), allocatable :: p
    integer(c_int64_t) :: n, i, cut
    integer(c_int32_t) :: st
    character(len=:), allocatable :: s
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    n = size(values, kind=c_int64_t)
    if (.not. mask_fits(n, is_null, status)) return
    allocate(p(max(1_c_int64_t, n)))
    st = fn(res%ptr, int(key, c_int32_t), row0(first_row), n, p)
    call take(st, status)
    if (st == VOSIA_NULL_VALUE) p = c_null_ptr  ! a standard field the result lacks
    if (st /= VOSIA_OK .and. st /= VOSIA_NULL_VALUE) return
    cut = 0
    do i = 1, n
      if (present(is_null)) is_null(i) = .not. c_associated(p(i))
      s = c_f_str(p(i))
      if (len(s) > len(values)) then  ! cut at a UTF-8 character boundary, and say so
        if (cut == 0) cut = i
        s = s(1:utf8_fit(s, len(values)))
      end if
      values(i) = s
    end do
    if (cut > 0) call fail(status, VOSIA_E_BUFFER_SIZE, 'a value (first in row ' // &
        itoa(row0(first_row) + cut) // ') is longer than len(values) = ' // &
        itoa(int(len(values), c_int64_t)) // ' and was cut')
  end subroutine

  !> How many bytes of UTF-8 string s fit into n without cutting a character.
  pure integer function utf8_fit(s, n)
    character(len=*), intent(in) :: s
    integer, intent(in) :: n
    utf8_fit = n
    ! a byte 10xxxxxx continues the character before it
    do while (utf8_fit > 0)
      if (iand(ichar(s(utf8_fit + 1:utf8_fit + 1)), 192) /= 128) exit
      utf8_fit = utf8_fit - 1
    end do
  end function

  !> An integer as text.
  pure function itoa(i) result(s)
    integer(c_int64_t), intent(in) :: i
    character(len=:), allocatable :: s
    character(len=21) :: buf
    write (buf, '(i0)') i
    s = trim(buf)
  end function

  ! ---------------------------------------------------------- library: version, errors

  !> The version of the library loaded at run time, e.g. "0.2.0" (C: vosia_version; the
  !> header's version is VOSIA_VERSION_STRING).
  function vosia_library_version() result(text)
    character(len=:), allocatable :: text
    text = c_f_str(c_version())
  end function

  !> The same as one number (C: vosia_version_number); compare with VOSIA_VERSION_NUMBER to
  !> catch a module built against another version of the library.
  integer function vosia_library_version_number()
    vosia_library_version_number = int(c_version_number())
  end function

  !> The static text of a status code.
  function vosia_strerror(status) result(text)
    integer, intent(in) :: status
    character(len=:), allocatable :: text
    text = c_f_str(c_strerror(int(status, c_int32_t)))
  end function

  !> The detail of the last failure of a library call on this thread ("" if none).
  function vosia_last_error() result(text)
    character(len=:), allocatable :: text
    text = c_f_str(c_last_error())
  end function

  !> The status of the last failure of a library call on this thread (VOSIA_OK if none).
  integer function vosia_last_status()
    vosia_last_status = int(c_last_status())
  end function

  !> One line for a user: "<strerror>: <detail>". The detail is the module's own when it
  !> found the failure, else the query's execute error when `q` is given and has one, else
  !> vosia_last_error() when it is about this status (nothing when it is not).
  function vosia_errmsg(status, q) result(text)
    integer, intent(in) :: status
    type(vosia_query_t), intent(in), optional :: q
    character(len=:), allocatable :: text, detail
    detail = ''
    if (own_status /= VOSIA_OK .and. status == own_status) then
      detail = trim(own_error)
    else
      if (present(q)) detail = vosia_query_error(q)
      if (len(detail) == 0) then
        ! vosia's detail only when it is about this status (not an older failure).
        if (c_last_status() == status) detail = vosia_last_error()
      end if
    end if
    text = vosia_strerror(status)
    if (len(detail) > 0) text = text // ': ' // detail
  end function

  ! ------------------------------------------------------------------ standard fields

  !> The number of standard fields of the library loaded (C: vosia_field_count, which in
  !> Fortran, blind to case, would clash with VOSIA_FIELD_COUNT): VOSIA_FIELD_* run from 0
  !> to this minus 1; a newer library may raise it.
  integer function vosia_library_field_count()
    vosia_library_field_count = int(c_field_count())
  end function

  !> Attribute `attr` of standard field `field`: VOSIA_ATTR_NAME ("access_url") or
  !> VOSIA_ATTR_UNIT ("deg", "m", "d", "s", "byte"; none, is_null, for text and counts).
  subroutine vosia_field_get_attr(field, attr, value, status, is_null)
    integer, intent(in) :: field, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = c_field_get_attr(int(field, c_int32_t), int(attr, c_int32_t), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> How standard field `field` is read: VOSIA_KIND_TEXT (get_std_str), VOSIA_KIND_NUMBER
  !> (get_std_double, get_std_double_column) or VOSIA_KIND_ARRAY (get_std_double_array).
  subroutine vosia_field_kind(field, kind, status)
    integer, intent(in) :: field
    integer, intent(out) :: kind
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    kind = 0
    if (status /= VOSIA_OK) return
    ! Only on success: C writes nothing otherwise (and v is intent(out) to it).
    st = c_field_kind(int(field, c_int32_t), v)
    call take(st, status)
    if (st == VOSIA_OK) kind = int(v)
  end subroutine

  !> The standard field named `name` (case-insensitive, e.g. "mjd_obs"); -1 when none is.
  subroutine vosia_field_by_name(name, field, status)
    character(len=*), intent(in) :: name
    integer, intent(out) :: field
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    field = -1
    if (status /= VOSIA_OK) return
    st = c_field_by_name(f_c_str(name), v)
    call take(st, status)
    if (st == VOSIA_OK) field = int(v)
  end subroutine

  ! ------------------------------------------------------------------------------ free

  subroutine free_service(h)
    type(vosia_service_t), intent(inout) :: h
    call c_service_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_query(h)
    type(vosia_query_t), intent(inout) :: h
    call c_query_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_results(h)
    type(vosia_results_t), intent(inout) :: h
    call c_results_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_downloads(h)
    type(vosia_downloads_t), intent(inout) :: h
    call c_downloads_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_registry_query(h)
    type(vosia_registry_query_t), intent(inout) :: h
    call c_registry_query_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_registry_hits(h)
    type(vosia_registry_hits_t), intent(inout) :: h
    call c_registry_hits_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_samp(h)
    type(vosia_samp_t), intent(inout) :: h
    call c_samp_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  subroutine free_batch(h)
    type(vosia_batch_t), intent(inout) :: h
    call c_batch_free(h%ptr)
    h%ptr = c_null_ptr
  end subroutine

  ! --------------------------------------------------------------------------- service

  !> A service for the SIA query endpoint `base_url`, speaking VOSIA_SIA1 or VOSIA_SIA2.
  !> No request is made.
  subroutine vosia_service_new(svc, base_url, sia_version, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: base_url
    integer, intent(in) :: sia_version
    integer, intent(inout) :: status
    if (may_create(svc%ptr, 'service', status)) &
        call take(c_service_new(f_c_str(base_url), int(sia_version, c_int32_t), svc%ptr), status)
  end subroutine

  !> An SIA 2.0 service found from a VOSI capabilities URL or a service base URL (one or two
  !> requests, each bounded by `timeout` seconds, which becomes the service's timeout;
  !> absent: the default 120 s). The capabilities found stay cached on the service.
  subroutine vosia_service_discover(svc, url, status, timeout)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: url
    integer, intent(inout) :: status
    real(c_double), intent(in), optional :: timeout
    real(c_double) :: t
    t = 0  ! the C API's "default timeout"
    if (present(timeout)) t = timeout
    if (may_create(svc%ptr, 'service', status)) &
        call take(c_service_discover(f_c_str(url), t, svc%ptr), status)
  end subroutine

  !> The whole-request timeout in seconds (connecting, waiting, reading, retries).
  subroutine vosia_service_set_timeout(svc, seconds, status)
    type(vosia_service_t), intent(inout) :: svc
    real(c_double), intent(in) :: seconds
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_timeout(svc%ptr, seconds), status)
  end subroutine

  !> The connect timeout in seconds (one TCP and TLS connection, name lookup included).
  subroutine vosia_service_set_connect_timeout(svc, seconds, status)
    type(vosia_service_t), intent(inout) :: svc
    real(c_double), intent(in) :: seconds
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_connect_timeout(svc%ptr, seconds), status)
  end subroutine

  !> The largest response body accepted, in bytes (0: no limit); a larger one is
  !> VOSIA_E_TOO_LARGE.
  subroutine vosia_service_set_max_response_bytes(svc, bytes, status)
    type(vosia_service_t), intent(inout) :: svc
    integer(c_int64_t), intent(in) :: bytes
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_max_response_bytes(svc%ptr, bytes), status)
  end subroutine

  !> Trusts only the CA certificates of the PEM file `path` for https (as curl's --cacert).
  subroutine vosia_service_set_ca_file(svc, path, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: path
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_ca_file(svc%ptr, f_c_str(path)), status)
  end subroutine

  !> Presents the client certificate of the PEM file `path` (certificate, chain, key).
  subroutine vosia_service_set_client_cert(svc, path, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: path
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_client_cert(svc%ptr, f_c_str(path)), status)
  end subroutine

  !> The most bytes a parsed response may keep in memory (0: no limit; default 2 GiB); one
  !> that would need more is VOSIA_E_TOO_LARGE before the memory is taken.
  subroutine vosia_service_set_memory_budget(svc, bytes, status)
    type(vosia_service_t), intent(inout) :: svc
    integer(c_int64_t), intent(in) :: bytes
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_memory_budget(svc%ptr, bytes), status)
  end subroutine

  !> Reads large TABLEDATA responses on `threads` threads (0: one per core; 1, the default:
  !> the calling thread); the same results as on one thread.
  subroutine vosia_service_set_reader_threads(svc, threads, status)
    type(vosia_service_t), intent(inout) :: svc
    integer, intent(in) :: threads
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_service_set_reader_threads(svc%ptr, int(threads, c_int32_t)), status)
  end subroutine

  !> vosia_results_parse_file_within on up to `threads` threads (0: one per core): the
  !> TABLEDATA of a file over 1 MiB is parsed in parts, each thread reading its own part
  !> from the file, with the same results.
  !> `memory_budget` (bytes) defaults to none.
  subroutine vosia_results_parse_file_on_threads(res, path, sia_version, threads, status, &
      memory_budget)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: path
    integer, intent(in) :: sia_version, threads
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: memory_budget
    integer(c_int64_t) :: budget
    budget = 0
    if (present(memory_budget)) budget = memory_budget
    if (may_create(res%ptr, 'results', status)) call take(c_results_parse_file_on_threads( &
        f_c_str(path), int(sia_version, c_int32_t), budget, int(threads, c_int32_t), &
        res%ptr), status)
  end subroutine

  !> Queries whose URL would be longer than `url_bytes` are POSTed (the same parameters, to
  !> the base URL) instead of sent as a GET: 0 POSTs every query, huge(1_c_int64_t) never
  !> does; default 4096. vosia_query_url still gives the GET form.
  subroutine vosia_service_set_post_above(svc, url_bytes, status)
    type(vosia_service_t), intent(inout) :: svc
    integer(c_int64_t), intent(in) :: url_bytes
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_post_above(svc%ptr, url_bytes), status)
  end subroutine

  !> Retries on HTTP 429 and 503: at most `max_retries` more attempts (0: none), sleeping at
  !> most `max_wait_seconds` in all (Retry-After is honoured).
  subroutine vosia_service_set_retries(svc, max_retries, max_wait_seconds, status)
    type(vosia_service_t), intent(inout) :: svc
    integer, intent(in) :: max_retries
    real(c_double), intent(in) :: max_wait_seconds
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_retries(svc%ptr, &
        int(max_retries, c_int32_t), max_wait_seconds), status)
  end subroutine

  !> Keep connections alive between requests (.true.) or open one per request (.false.);
  !> by default kept alive, except plain http to this machine (localhost).
  subroutine vosia_service_set_keepalive(svc, on, status)
    type(vosia_service_t), intent(inout) :: svc
    logical, intent(in) :: on
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_service_set_keepalive(svc%ptr, merge(1_c_int32_t, 0_c_int32_t, on)), status)
  end subroutine

  !> Adds a header sent with every request (e.g. Authorization).
  subroutine vosia_service_add_header(svc, name, value, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: name, value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_service_add_header(svc%ptr, f_c_str(name), f_c_str(value)), status)
  end subroutine

  !> Lets a redirect to `origin` ('scheme://host[:port]') carry the headers of
  !> vosia_service_add_header, as within the origin asked for; other origins get none.
  subroutine vosia_service_trust_redirects_to(svc, origin, status)
    type(vosia_service_t), intent(inout) :: svc
    character(len=*), intent(in) :: origin
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_service_trust_redirects_to(svc%ptr, f_c_str(origin)), status)
  end subroutine

  !> Installs `progress`, a bind(c) function of interface vosia_progress_fn, called with
  !> `user` (c_loc of your data, which must stay valid while it is installed) as every
  !> response body is read, on the calling thread; a non-zero result cancels the transfer
  !> (VOSIA_E_CANCELLED). Without `progress` (call it with status=status): none.
  subroutine vosia_service_set_progress(svc, progress, status, user)
    type(vosia_service_t), intent(inout) :: svc
    procedure(vosia_progress_fn), optional :: progress
    integer, intent(inout) :: status
    type(c_ptr), intent(in), optional :: user
    type(c_funptr) :: fn
    type(c_ptr) :: u
    if (status /= VOSIA_OK) return
    fn = c_null_funptr
    u = c_null_ptr
    if (present(progress)) fn = c_funloc(progress)
    if (present(user)) u = user
    call take(c_service_set_progress(svc%ptr, fn, u), status)
  end subroutine

  !> Installs `progress` (interface vosia_progress_fn) as the file progress function: after
  !> each file of a download or cutout call ends it is told the files ended so far (`done`)
  !> and the files of the call (`total`), from the download threads, one call at a time; a
  !> non-zero result stops the transfers still running (VOSIA_E_CANCELLED for them).
  !> Without `progress` (call it with status=status): none.
  subroutine vosia_service_set_file_progress(svc, progress, status, user)
    type(vosia_service_t), intent(inout) :: svc
    procedure(vosia_progress_fn), optional :: progress
    integer, intent(inout) :: status
    type(c_ptr), intent(in), optional :: user
    type(c_funptr) :: fn
    type(c_ptr) :: u
    if (status /= VOSIA_OK) return
    fn = c_null_funptr
    u = c_null_ptr
    if (present(progress)) fn = c_funloc(progress)
    if (present(user)) u = user
    call take(c_service_set_file_progress(svc%ptr, fn, u), status)
  end subroutine

  !> Attribute `attr` of the service: VOSIA_ATTR_URL (the base URL) or
  !> VOSIA_ATTR_DESCRIPTION (after vosia_service_fetch_metadata; is_null when it has none).
  subroutine vosia_service_get_attr(svc, attr, value, status, is_null)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(in) :: attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = c_service_get_attr(svc%ptr, int(attr, c_int32_t), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> VOSIA_SIA1 or VOSIA_SIA2.
  subroutine vosia_service_get_version(svc, sia_version, status)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(out) :: sia_version
    integer, intent(inout) :: status
    call handle_int(c_service_get_version, svc%ptr, sia_version, status)
  end subroutine

  !> Fetches the service's self-description once (one request; cached), for the parameter
  !> and column getters below.
  subroutine vosia_service_fetch_metadata(svc, status)
    type(vosia_service_t), intent(inout) :: svc
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_fetch_metadata(svc%ptr), status)
  end subroutine

  !> How many input parameters the service declares.
  subroutine vosia_service_param_count(svc, n, status)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(out) :: n
    integer, intent(inout) :: status
    call handle_int(c_service_param_count, svc%ptr, n, status)
  end subroutine

  !> The 1-based input parameter named `name` (case-insensitive, INPUT: ignored); 0 if none.
  subroutine vosia_service_param_index(svc, name, i, status)
    type(vosia_service_t), intent(in) :: svc
    character(len=*), intent(in) :: name
    integer, intent(out) :: i
    integer, intent(inout) :: status
    call lookup(c_service_param_index, svc%ptr, name, i, status)
  end subroutine

  !> Attribute `attr` (VOSIA_ATTR_NAME ... _MAX) of input parameter `i`.
  subroutine vosia_service_get_param_attr(svc, i, attr, value, status, is_null)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(in) :: i, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call keyed_str(c_service_get_param_attr, svc%ptr, i - 1, attr, value, status, is_null)
  end subroutine

  !> How many allowed values input parameter `i` lists (0: any value).
  subroutine vosia_service_param_option_count(svc, i, n, status)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(in) :: i
    integer, intent(out) :: n
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    n = 0
    if (status /= VOSIA_OK) return
    ! Only on success: C writes nothing otherwise (and v is intent(out) to it).
    st = c_service_param_option_count(svc%ptr, int(i - 1, c_int32_t), v)
    call take(st, status)
    if (st == VOSIA_OK) n = int(v)
  end subroutine

  !> Allowed value `k` of input parameter `i`, in document order.
  subroutine vosia_service_get_param_option(svc, i, k, value, status)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(in) :: i, k
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    call keyed_str(c_service_get_param_option, svc%ptr, i - 1, k - 1, value, status)
  end subroutine

  !> How many output columns the service declares.
  subroutine vosia_service_column_count(svc, n, status)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(out) :: n
    integer, intent(inout) :: status
    call handle_int(c_service_column_count, svc%ptr, n, status)
  end subroutine

  !> Attribute `attr` of output column `i` (the keys of vosia_results_get_column_attr).
  subroutine vosia_service_get_column_attr(svc, i, attr, value, status, is_null)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(in) :: i, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call keyed_str(c_service_get_column_attr, svc%ptr, i - 1, attr, value, status, is_null)
  end subroutine

  !> Asks the service's VOSI availability endpoint whether it is up (a request every call);
  !> `note` gets what the document adds (its first note, else backAt or downAt, else "").
  subroutine vosia_service_check_availability(svc, available, status, note)
    type(vosia_service_t), intent(in) :: svc
    logical, intent(out) :: available
    integer, intent(inout) :: status
    character(len=:), allocatable, intent(out), optional :: note
    character(kind=c_char), dimension(:), allocatable, target :: buf
    integer(c_size_t) :: n, i
    integer(c_int32_t) :: st, up
    available = .false.
    if (present(note)) note = ''
    if (status /= VOSIA_OK) return
    up = 0
    n = 0
    if (.not. present(note)) then
      st = c_service_check_availability(svc%ptr, up, c_null_ptr, 0_c_size_t, n)
      if (st == VOSIA_E_BUFFER_SIZE) st = VOSIA_OK  ! a note nobody asked for
    else
      allocate(buf(1024))
      st = c_service_check_availability(svc%ptr, up, c_loc(buf), size(buf, kind=c_size_t), n)
      if (st == VOSIA_E_BUFFER_SIZE) then  ! a longer note: ask again with room for it all
        deallocate(buf)
        allocate(buf(n + 1))
        st = c_service_check_availability(svc%ptr, up, c_loc(buf), size(buf, kind=c_size_t), n)
        ! it changed between the two requests: keep what fitted
        if (st == VOSIA_E_BUFFER_SIZE) st = VOSIA_OK
      end if
      if (st == VOSIA_OK) then
        n = min(n, size(buf, kind=c_size_t) - 1)
        note = repeat(' ', int(n))
        do i = 1, n
          note(i:i) = buf(i)
        end do
      end if
    end if
    call take(st, status)
    available = st == VOSIA_OK .and. up == 1
  end subroutine

  !> Fetches the service's VOSI capabilities once (cached); `count` gets how many there are.
  subroutine vosia_service_fetch_capabilities(svc, count, status)
    type(vosia_service_t), intent(inout) :: svc
    integer, intent(out) :: count
    integer, intent(inout) :: status
    call handle_int(c_service_fetch_capabilities, svc%ptr, count, status)
  end subroutine

  !> Attribute `attr` of capability `i`: VOSIA_ATTR_STANDARD_ID or VOSIA_ATTR_URL (its
  !> endpoint).
  subroutine vosia_service_get_capability_attr(svc, i, attr, value, status, is_null)
    type(vosia_service_t), intent(in) :: svc
    integer, intent(in) :: i, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call keyed_str(c_service_get_capability_attr, svc%ptr, i - 1, attr, value, status, is_null)
  end subroutine

  ! ----------------------------------------------------------------------------- query

  !> An empty query against `svc` (which it keeps alive).
  subroutine vosia_query_new(q, svc, status)
    type(vosia_query_t), intent(inout) :: q
    type(vosia_service_t), intent(in) :: svc
    integer, intent(inout) :: status
    if (may_create(q%ptr, 'query', status)) call take(c_query_new(svc%ptr, q%ptr), status)
  end subroutine

  !> An independent copy of query `q` (for another thread).
  subroutine vosia_query_clone(q, copy, status)
    type(vosia_query_t), intent(in) :: q
    type(vosia_query_t), intent(inout) :: copy
    integer, intent(inout) :: status
    if (may_create(copy%ptr, 'query', status)) call take(c_query_clone(q%ptr, copy%ptr), status)
  end subroutine

  !> SIA 1.0: POS=ra,dec (ICRS degrees).
  subroutine vosia_query_set_pos(q, ra, dec, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra, dec
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_pos(q%ptr, ra, dec), status)
  end subroutine

  !> SIA 1.0: SIZE in degrees along RA and Dec (equal values are sent as one, SIZE=s).
  subroutine vosia_query_set_size(q, ra_size, dec_size, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra_size, dec_size
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_size(q%ptr, ra_size, dec_size), status)
  end subroutine

  !> SIA 1.0: INTERSECT (COVERS, ENCLOSED, OVERLAPS or CENTER).
  subroutine vosia_query_set_intersect(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_intersect(q%ptr, f_c_str(value)), status)
  end subroutine

  !> SIA 1.0: VERB (0 to 3).
  subroutine vosia_query_set_verb(q, verb, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: verb
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_verb(q%ptr, int(verb, c_int32_t)), status)
  end subroutine

  !> FORMAT, replacing earlier values.
  subroutine vosia_query_set_format(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_format(q%ptr, f_c_str(value)), status)
  end subroutine

  !> One more FORMAT (SIA 1.0: appended to the list; SIA 2.0: repeated, OR-ed).
  subroutine vosia_query_add_format(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_add_format(q%ptr, f_c_str(value)), status)
  end subroutine

  !> MAXREC, the most records to return (0: metadata only).
  subroutine vosia_query_set_maxrec(q, maxrec, status)
    type(vosia_query_t), intent(inout) :: q
    integer(c_int64_t), intent(in) :: maxrec
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_maxrec(q%ptr, maxrec), status)
  end subroutine

  !> RESPONSEFORMAT (e.g. votable; votabletd for TABLEDATA on DaCHS).
  subroutine vosia_query_set_responseformat(q, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_set_responseformat(q%ptr, f_c_str(value)), status)
  end subroutine

  !> SIA 2.0: POS=CIRCLE ra dec radius (degrees).
  subroutine vosia_query_add_circle(q, ra, dec, radius, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra, dec, radius
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_add_circle(q%ptr, ra, dec, radius), status)
  end subroutine

  !> SIA 2.0: POS=RANGE ra1 ra2 dec1 dec2 (degrees; ra1 > ra2 goes through RA 0).
  subroutine vosia_query_add_range(q, ra1, ra2, dec1, dec2, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), intent(in) :: ra1, ra2, dec1, dec2
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_add_range(q%ptr, ra1, ra2, dec1, dec2), status)
  end subroutine

  !> SIA 2.0: POS=POLYGON from a (2, n) array of (ra, dec) vertices in degrees.
  subroutine vosia_query_add_polygon(q, radec, status)
    type(vosia_query_t), intent(inout) :: q
    real(c_double), dimension(:, :), intent(in) :: radec
    integer, intent(inout) :: status
    if (status /= VOSIA_OK) return
    if (size(radec, 1) /= 2) then
      call fail(status, VOSIA_E_INVALID_ARG, 'a polygon is a (2, n) array of (ra, dec) vertices')
      return
    end if
    call take(c_query_add_polygon(q%ptr, radec, int(size(radec, 2), c_size_t)), status)
  end subroutine

  !> SIA 2.0: an interval `param` (VOSIA_PARAM_BAND, _TIME, _FOV, _SPATRES, _EXPTIME,
  !> _TIMERES, _SPECRP) from lo to hi (ieee infinities for open ends).
  subroutine vosia_query_add_interval(q, param, lo, hi, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: param
    real(c_double), intent(in) :: lo, hi
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_query_add_interval(q%ptr, int(param, c_int32_t), lo, hi), status)
  end subroutine

  !> SIA 2.0: a value of text parameter `param` (VOSIA_PARAM_ID, _COLLECTION, _FACILITY,
  !> _INSTRUMENT, _DPTYPE, _TARGET, _POL); several are OR-ed.
  subroutine vosia_query_add_text(q, param, value, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: param
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_query_add_text(q%ptr, int(param, c_int32_t), f_c_str(value)), status)
  end subroutine

  !> SIA 2.0: a CALIB level (0 to 4).
  subroutine vosia_query_add_calib(q, level, status)
    type(vosia_query_t), intent(inout) :: q
    integer, intent(in) :: level
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_add_calib(q%ptr, int(level, c_int32_t)), status)
  end subroutine

  !> Any parameter by name, replacing its earlier values.
  subroutine vosia_query_set_param(q, name, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: name, value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_query_set_param(q%ptr, f_c_str(name), f_c_str(value)), status)
  end subroutine

  !> One more value of a parameter by name.
  subroutine vosia_query_add_param(q, name, value, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: name, value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_query_add_param(q%ptr, f_c_str(name), f_c_str(value)), status)
  end subroutine

  !> Removes every value of a parameter (absent is not an error).
  subroutine vosia_query_remove_param(q, name, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: name
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_query_remove_param(q%ptr, f_c_str(name)), status)
  end subroutine

  !> Exactly the URL vosia_query_execute will GET.
  subroutine vosia_query_url(q, url, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=:), allocatable, intent(out) :: url
    integer, intent(inout) :: status
    call handle_str(c_query_url, q%ptr, url, status)
  end subroutine

  !> Sends the query and reads the response into `res`. On failure the detail is in
  !> vosia_query_error(q) (and vosia_errmsg(status, q)).
  subroutine vosia_query_execute(q, res, status)
    type(vosia_query_t), intent(inout) :: q
    type(vosia_results_t), intent(inout) :: res
    integer, intent(inout) :: status
    if (may_create(res%ptr, 'results', status)) call take(c_query_execute(q%ptr, res%ptr), status)
  end subroutine

  !> As vosia_query_execute, and the exact bytes of the response are written to the file
  !> `path` (trimmed) while they are parsed, with no second request: to path//'.part',
  !> renamed to `path` once the whole response was read and parsed, removed on any failure
  !> (so vosia_results_parse_file can read it again). A file that cannot be written is
  !> VOSIA_E_IO, and then `res` stays null too.
  subroutine vosia_query_execute_saving(q, path, res, status)
    type(vosia_query_t), intent(inout) :: q
    character(len=*), intent(in) :: path
    type(vosia_results_t), intent(inout) :: res
    integer, intent(inout) :: status
    if (may_create(res%ptr, 'results', status)) &
        call take(c_query_execute_saving(q%ptr, f_c_str(path), res%ptr), status)
  end subroutine

  !> Sends the query without keeping the rows of its response: they are handed to
  !> `on_rows` (a bind(c) function of interface vosia_rows_fn) in batches of `batch_rows`
  !> rows as they are parsed, on this thread, so memory does not grow with the row count.
  !> `rest` receives the rest of the response: its columns, no rows, its INFOs and overflow
  !> flag. `user` (c_loc of your data) is handed to `on_rows`. A non-zero result of
  !> `on_rows` is VOSIA_E_CANCELLED.
  subroutine vosia_query_execute_in_batches(q, batch_rows, on_rows, rest, status, user)
    type(vosia_query_t), intent(inout) :: q
    integer(c_int64_t), intent(in) :: batch_rows
    procedure(vosia_rows_fn) :: on_rows
    type(vosia_results_t), intent(inout) :: rest
    integer, intent(inout) :: status
    type(c_ptr), intent(in), optional :: user
    type(c_ptr) :: u
    u = c_null_ptr
    if (present(user)) u = user
    if (may_create(rest%ptr, 'results', status)) call take(c_query_execute_in_batches( &
        q%ptr, batch_rows, c_funloc(on_rows), u, rest%ptr), status)
  end subroutine

  !> The detail of this query's last execute failure ("" after a success, before any
  !> execute, or for a null query).
  function vosia_query_error(q) result(text)
    type(vosia_query_t), intent(in) :: q
    character(len=:), allocatable :: text
    type(c_ptr) :: p
    text = ''
    if (c_query_error(q%ptr, p) == VOSIA_OK) text = c_f_str(p)
  end function

  ! --------------------------------------------------------------------------- results

  !> Parses a VOTable held in a string (passed as it is).
  subroutine vosia_results_parse(res, votable, sia_version, status)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: votable
    integer, intent(in) :: sia_version
    integer, intent(inout) :: status
    if (may_create(res%ptr, 'results', status)) call take(c_results_parse(votable, &
        int(len(votable), c_size_t), int(sia_version, c_int32_t), res%ptr), status)
  end subroutine

  !> Parses a VOTable file (streaming it).
  subroutine vosia_results_parse_file(res, path, sia_version, status)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: path
    integer, intent(in) :: sia_version
    integer, intent(inout) :: status
    if (may_create(res%ptr, 'results', status)) call take(c_results_parse_file(f_c_str(path), &
        int(sia_version, c_int32_t), res%ptr), status)
  end subroutine

  !> vosia_results_parse keeping at most `memory_budget` bytes (0: no limit; the default
  !> is 2 GiB); VOSIA_E_TOO_LARGE beyond.
  subroutine vosia_results_parse_within(res, votable, sia_version, memory_budget, status)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: votable
    integer, intent(in) :: sia_version
    integer(c_int64_t), intent(in) :: memory_budget
    integer, intent(inout) :: status
    if (may_create(res%ptr, 'results', status)) call take(c_results_parse_within(votable, &
        int(len(votable), c_size_t), int(sia_version, c_int32_t), memory_budget, res%ptr), &
        status)
  end subroutine

  !> vosia_results_parse_file within a memory budget, as vosia_results_parse_within.
  subroutine vosia_results_parse_file_within(res, path, sia_version, memory_budget, status)
    type(vosia_results_t), intent(inout) :: res
    character(len=*), intent(in) :: path
    integer, intent(in) :: sia_version
    integer(c_int64_t), intent(in) :: memory_budget
    integer, intent(inout) :: status
    if (may_create(res%ptr, 'results', status)) call take(c_results_parse_file_within( &
        f_c_str(path), int(sia_version, c_int32_t), memory_budget, res%ptr), status)
  end subroutine

  !> Reads a VOTable file (or a pipe: '/dev/stdin') without keeping its rows: they are
  !> handed to `on_rows` (interface vosia_rows_fn) in batches of `batch_rows` rows as the
  !> file is parsed; `rest` receives its columns, no rows, its INFOs and overflow flag.
  !> `memory_budget` (bytes; default none) bounds one batch; `user` is handed to `on_rows`.
  subroutine vosia_results_parse_file_in_batches(rest, path, sia_version, batch_rows, &
      on_rows, status, user, memory_budget)
    type(vosia_results_t), intent(inout) :: rest
    character(len=*), intent(in) :: path
    integer, intent(in) :: sia_version
    integer(c_int64_t), intent(in) :: batch_rows
    procedure(vosia_rows_fn) :: on_rows
    integer, intent(inout) :: status
    type(c_ptr), intent(in), optional :: user
    integer(c_int64_t), intent(in), optional :: memory_budget
    type(c_ptr) :: u
    integer(c_int64_t) :: budget
    u = c_null_ptr
    if (present(user)) u = user
    budget = 0
    if (present(memory_budget)) budget = memory_budget
    if (may_create(rest%ptr, 'results', status)) call take(c_results_parse_file_in_batches( &
        f_c_str(path), int(sia_version, c_int32_t), budget, batch_rows, c_funloc(on_rows), &
        u, rest%ptr), status)
  end subroutine

  !> Number of rows.
  subroutine vosia_results_row_count(res, nrows, status)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(out) :: nrows
    integer, intent(inout) :: status
    nrows = 0
    if (status /= VOSIA_OK) return
    nrows = c_results_row_count(res%ptr)
    call take_last(nrows < 0, status)
    nrows = max(0_c_int64_t, nrows)
  end subroutine

  !> Which of the search circles circles(:, k) = (ra, dec, radius), in degrees, the image of
  !> row `row` meets (met(k)), by its s_region, else its position and s_fov: for a
  !> many-circle SIA 2.0 query. is_null (all .false.) when the row has no footprint.
  subroutine vosia_results_circles_met(res, row, circles, met, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    real(c_double), intent(in) :: circles(:, :)
    logical, intent(out) :: met(:)
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    real(c_double) :: flat(3 * max(1, size(circles, 2)))
    integer(c_int32_t) :: flags(max(1, size(circles, 2))), st
    integer :: k
    met = .false.
    if (.not. proceed(status, is_null)) return
    if (size(circles, 1) /= 3 .or. size(met) < size(circles, 2)) then
      call fail(status, VOSIA_E_INVALID_ARG, &
          'circles must be (3, n) and met hold n values')
      return
    end if
    do k = 1, size(circles, 2)
      flat(3 * k - 2:3 * k) = circles(:, k)
    end do
    flags = 0
    st = c_results_circles_met(res%ptr, row - 1, flat, int(size(circles, 2), c_int32_t), flags)
    call take(st, status, is_null)
    if (st == VOSIA_OK) met(1:size(circles, 2)) = flags(1:size(circles, 2)) /= 0
  end subroutine

  !> Number of columns.
  subroutine vosia_results_column_count(res, ncols, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(out) :: ncols
    integer, intent(inout) :: status
    ncols = 0
    if (status /= VOSIA_OK) return
    ncols = int(c_results_column_count(res%ptr))
    call take_last(ncols < 0, status)
    ncols = max(0, ncols)
  end subroutine

  !> .true. when the service reported QUERY_STATUS=OVERFLOW (more matched than returned).
  subroutine vosia_results_overflow(res, overflow, status)
    type(vosia_results_t), intent(in) :: res
    logical, intent(out) :: overflow
    integer, intent(inout) :: status
    integer(c_int32_t) :: n
    overflow = .false.
    if (status /= VOSIA_OK) return
    n = c_results_overflow(res%ptr)
    call take_last(n < 0, status)
    overflow = n == 1
  end subroutine

  !> The value of the last INFO named `name`; is_null when there is none.
  subroutine vosia_results_info(res, name, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: name
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = c_results_info(res%ptr, f_c_str(name), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> How many repairs the reader made (cells it kept as null, elements out of place); the
  !> first 100 are readable with vosia_results_warning.
  subroutine vosia_results_warning_count(res, n, status)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(out) :: n
    integer, intent(inout) :: status
    n = 0
    if (status /= VOSIA_OK) return
    n = c_results_warning_count(res%ptr)
    call take_last(n < 0, status)
    n = max(0_c_int64_t, n)
  end subroutine

  !> Repair `i` (1 to min(100, warning count)) as text, naming row, column (from 0) and byte.
  subroutine vosia_results_warning(res, i, text, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: i
    character(len=:), allocatable, intent(out) :: text
    integer, intent(inout) :: status
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    text = ''
    if (status /= VOSIA_OK) return
    st = c_results_warning(res%ptr, int(i - 1, c_int32_t), p)
    call take_str(st, p, text, status)
  end subroutine

  !> Attribute `attr` of column `col` as its FIELD declares it: VOSIA_ATTR_NAME, _ID, _UCD,
  !> _UTYPE, _UNIT, _XTYPE, _ARRAYSIZE, _DESCRIPTION, _DATATYPE; is_null when not set.
  subroutine vosia_results_get_column_attr(res, col, attr, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call keyed_str(c_results_get_column_attr, res%ptr, col - 1, attr, value, status, is_null)
  end subroutine

  !> The column's VOSIA_TYPE_* datatype.
  subroutine vosia_results_column_datatype(res, col, datatype, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    integer, intent(out) :: datatype
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    datatype = 0
    if (status /= VOSIA_OK) return
    ! Only on success: C writes nothing otherwise (and v is intent(out) to it).
    st = c_results_column_datatype(res%ptr, int(col - 1, c_int32_t), v)
    call take(st, status)
    if (st == VOSIA_OK) datatype = int(v)
  end subroutine

  !> The column whose name, else ID, is `name` (exact case first); 0 when there is none.
  subroutine vosia_results_column_index(res, name, col, status)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: name
    integer, intent(out) :: col
    integer, intent(inout) :: status
    call lookup(c_results_column_index, res%ptr, name, col, status)
  end subroutine

  !> The column best matching `ucd` word by word ("pos.eq.ra" finds "pos.eq.ra;meta.main");
  !> 0 when there is none.
  subroutine vosia_results_column_by_ucd(res, ucd, col, status)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: ucd
    integer, intent(out) :: col
    integer, intent(inout) :: status
    call lookup(c_results_column_by_ucd, res%ptr, ucd, col, status)
  end subroutine

  !> The first column whose utype is `utype` (a prefix such as "obscore:" may be left out);
  !> 0 when there is none.
  subroutine vosia_results_column_by_utype(res, utype, col, status)
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: utype
    integer, intent(out) :: col
    integer, intent(inout) :: status
    call lookup(c_results_column_by_utype, res%ptr, utype, col, status)
  end subroutine

  !> The column holding standard field `field` (VOSIA_FIELD_*); 0 when there is none (or the
  !> field is computed from two columns: SIA 2.0 MJD_OBS, EM_REF, NAXIS).
  subroutine vosia_results_std_column(res, field, col, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: field
    integer, intent(out) :: col
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    col = 0
    if (status /= VOSIA_OK) return
    st = c_results_std_column(res%ptr, int(field, c_int32_t), v)
    call take(st, status)
    if (st == VOSIA_OK) col = int(v) + 1
  end subroutine

  !> Whether cell (row, col) is null.
  subroutine vosia_results_is_null(res, row, col, null, status)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: col
    logical, intent(out) :: null
    integer, intent(inout) :: status
    integer(c_int32_t) :: n
    null = .false.
    if (status /= VOSIA_OK) return
    n = c_results_is_null(res%ptr, row - 1, int(col - 1, c_int32_t))
    call take_last(n < 0, status)
    null = n == 1
  end subroutine

  !> A numeric cell as a double (integers widen; text is VOSIA_E_TYPE).
  subroutine vosia_results_get_double(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: col
    real(c_double), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_double(c_results_get_double, res, row, col - 1, value, status, is_null)
  end subroutine

  !> An integer cell (booleans read as 0/1; reals are VOSIA_E_TYPE).
  subroutine vosia_results_get_int64(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: col
    integer(c_int64_t), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    integer(c_int64_t) :: v
    integer(c_int32_t) :: st
    if (.not. proceed(status, is_null)) return
    st = c_results_get_int64(res%ptr, row - 1, int(col - 1, c_int32_t), v)
    call take(st, status, is_null)
    if (st == VOSIA_OK) value = v
  end subroutine

  !> A text cell (char or unicodeChar column; numbers are VOSIA_E_TYPE: use get_text).
  subroutine vosia_results_get_str(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_str(c_results_get_str, res, row, col - 1, value, status, is_null)
  end subroutine

  !> Any cell as text (numbers in shortest round-trip form, arrays space-separated).
  subroutine vosia_results_get_text(res, row, col, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: col
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_str(c_results_get_text, res, row, col - 1, value, status, is_null)
  end subroutine

  !> The numbers of a cell (an array, or a scalar as one element); NaN marks null elements.
  subroutine vosia_results_get_double_array(res, row, col, values, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: col
    real(c_double), dimension(:), allocatable, intent(out) :: values
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_array(c_results_get_double_array, res, row, col - 1, values, status, is_null)
  end subroutine

  !> Standard field `field` as a number in its fixed unit (degrees, MJD, seconds, metres,
  !> bytes); a field the result lacks is null.
  subroutine vosia_results_get_std_double(res, row, field, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: field
    real(c_double), intent(inout) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_double(c_results_get_std_double, res, row, field, value, status, is_null)
  end subroutine

  !> Standard field `field` as text.
  subroutine vosia_results_get_std_str(res, row, field, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: field
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_str(c_results_get_std_str, res, row, field, value, status, is_null)
  end subroutine

  !> Standard field `field` as numbers (NAXIS, SCALE, REF_PIXEL, REF_VALUE, CD_MATRIX, ...).
  subroutine vosia_results_get_std_double_array(res, row, field, values, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer(c_int64_t), intent(in) :: row
    integer, intent(in) :: field
    real(c_double), dimension(:), allocatable, intent(out) :: values
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call cell_array(c_results_get_std_double_array, res, row, field, values, status, is_null)
  end subroutine

  ! ---------------------------------------------------------------------- whole columns

  !> Rows first_row .. first_row + size(values) - 1 (first_row defaults to 1) of numeric
  !> column `col` as doubles (integers widen), in one call; a null cell is NaN in values
  !> and .true. in is_null(:), which must then be the size of values. A text or array column
  !> is VOSIA_E_TYPE (nothing written); rows past the end are VOSIA_E_RANGE.
  subroutine vosia_results_get_double_column(res, col, values, status, first_row, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    real(c_double), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    call double_column(c_results_get_double_column, res, col - 1, values, status, first_row, &
        is_null)
  end subroutine

  !> As vosia_results_get_double_column for an integer (or boolean) column; a null cell is 0
  !> in values. A real, text or array column is VOSIA_E_TYPE.
  subroutine vosia_results_get_int64_column(res, col, values, status, first_row, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    integer(c_int64_t), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    integer(c_int32_t), dimension(:), allocatable, target :: flags
    integer(c_int64_t) :: n
    integer(c_int32_t) :: st
    type(c_ptr) :: pflags
    if (present(is_null)) is_null = .false.
    if (status /= VOSIA_OK) return
    n = size(values, kind=c_int64_t)
    call null_flags(n, is_null, flags, pflags, status)
    if (status /= VOSIA_OK) return
    st = c_results_get_int64_column(res%ptr, int(col - 1, c_int32_t), row0(first_row), n, &
        values, pflags)
    call take(st, status)
    if (st == VOSIA_OK .and. present(is_null)) is_null = flags(1:n) /= 0
  end subroutine

  !> As vosia_results_get_double_column for standard field `field` (a VOSIA_KIND_NUMBER
  !> field) in its fixed unit. A field the result lacks is null in every row (NaN, .true.).
  subroutine vosia_results_get_std_double_column(res, field, values, status, first_row, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: field
    real(c_double), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    call double_column(c_results_get_std_double_column, res, field, values, status, &
        first_row, is_null)
  end subroutine

  !> Rows first_row .. first_row + size(values) - 1 (first_row defaults to 1) of any column
  !> as text (see get_text: numbers rendered), in one call, blank-padded; a null cell is ""
  !> and .true. in is_null(:). A value longer than len(values) is cut (at a character
  !> boundary) and the status is VOSIA_E_BUFFER_SIZE, after every row has been written.
  subroutine vosia_results_get_text_column(res, col, values, status, first_row, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: col
    character(len=*), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    call text_column(c_results_get_text_column, res, col - 1, values, status, first_row, &
        is_null)
  end subroutine

  !> As vosia_results_get_text_column for standard field `field` (see get_std_str); a
  !> field the result lacks is null in every row. A field computed from two columns is
  !> VOSIA_E_TYPE.
  subroutine vosia_results_get_std_text_column(res, field, values, status, first_row, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: field
    character(len=*), dimension(:), intent(inout) :: values
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row
    logical, dimension(:), intent(out), optional :: is_null
    call text_column(c_results_get_std_text_column, res, field, values, status, first_row, &
        is_null)
  end subroutine

  ! ---------------------------------------------------------------- service descriptors

  !> How many service descriptors the response has (RESOURCE type="meta"
  !> utype="adhoc:service": DataLink, SODA and other services it describes).
  subroutine vosia_results_descriptor_count(res, n, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(out) :: n
    integer, intent(inout) :: status
    call handle_int(c_results_descriptor_count, res%ptr, n, status)
  end subroutine

  !> Attribute `attr` of service descriptor `i`: VOSIA_ATTR_ID (the RESOURCE's ID, what a
  !> DataLink service_def names), VOSIA_ATTR_NAME, VOSIA_ATTR_STANDARD_ID (e.g.
  !> ivo://ivoa.net/std/SODA#sync-1.0), VOSIA_ATTR_URL (its accessURL); is_null when not
  !> given.
  subroutine vosia_results_get_descriptor_attr(res, i, attr, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: i, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call keyed_str(c_results_get_descriptor_attr, res%ptr, i - 1, attr, value, status, &
        is_null)
  end subroutine

  !> How many input parameters service descriptor `i` declares (its GROUP
  !> name="inputParams").
  subroutine vosia_results_descriptor_input_count(res, i, n, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: i
    integer, intent(out) :: n
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    n = 0
    if (status /= VOSIA_OK) return
    st = c_results_descriptor_input_count(res%ptr, int(i - 1, c_int32_t), v)
    call take(st, status)
    if (st == VOSIA_OK) n = int(v)
  end subroutine

  !> Attribute `attr` of input `k` of service descriptor `i`: VOSIA_ATTR_NAME, _ID, _UCD,
  !> _UTYPE, _UNIT, _XTYPE, _ARRAYSIZE, _DESCRIPTION, _DATATYPE, _VALUE (a fixed value),
  !> _MIN, _MAX (its VALUES), _REF (the ID of the results column each row's value comes
  !> from); is_null when not set.
  subroutine vosia_results_get_descriptor_input_attr(res, i, k, attr, value, status, is_null)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: i, k, attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call keyed2_str(c_results_get_descriptor_input_attr, res%ptr, i - 1, k - 1, attr, value, &
        status, is_null)
  end subroutine

  !> How many allowed values (VALUES/OPTION) input `k` of service descriptor `i` lists (0:
  !> any value).
  subroutine vosia_results_descriptor_input_option_count(res, i, k, n, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: i, k
    integer, intent(out) :: n
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    n = 0
    if (status /= VOSIA_OK) return
    st = c_results_descriptor_input_option_count(res%ptr, int(i - 1, c_int32_t), &
        int(k - 1, c_int32_t), v)
    call take(st, status)
    if (st == VOSIA_OK) n = int(v)
  end subroutine

  !> Allowed value `o` of input `k` of service descriptor `i`, in document order.
  subroutine vosia_results_get_descriptor_input_option(res, i, k, o, value, status)
    type(vosia_results_t), intent(in) :: res
    integer, intent(in) :: i, k, o
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    call keyed2_str(c_results_get_descriptor_input_option, res%ptr, i - 1, k - 1, o - 1, &
        value, status)
  end subroutine

  ! ------------------------------------------------------------------------- downloads

  !> How many downloads of one vosia_service_download_rows call run at once: 1 to 64
  !> (default 4), on threads started per call and all joined before it returns.
  subroutine vosia_service_set_download_jobs(svc, jobs, status)
    type(vosia_service_t), intent(inout) :: svc
    integer, intent(in) :: jobs
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_service_set_download_jobs(svc%ptr, int(jobs, c_int32_t)), status)
  end subroutine

  !> The largest file a download accepts, in bytes (0, the default: no limit); a larger one
  !> is VOSIA_E_TOO_LARGE. Separate from vosia_service_set_max_response_bytes (VOTables).
  subroutine vosia_service_set_max_download_bytes(svc, bytes, status)
    type(vosia_service_t), intent(inout) :: svc
    integer(c_int64_t), intent(in) :: bytes
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_max_download_bytes(svc%ptr, bytes), status)
  end subroutine

  !> The whole time one file's download may take, in seconds (> 0; default 3600):
  !> connecting, waiting, the body and retries (vosia_service_set_timeout bounds queries).
  subroutine vosia_service_set_download_timeout(svc, seconds, status)
    type(vosia_service_t), intent(inout) :: svc
    real(c_double), intent(in) :: seconds
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_service_set_download_timeout(svc%ptr, seconds), status)
  end subroutine

  !> Downloads `url` into the existing folder `dir` (see vosia.h, Downloads: NAME.part first,
  !> checked, then renamed; a complete file is not fetched again, a partial one resumed).
  !> `name` is the file name (made safe); absent or blank: the URL's last path segment (or
  !> the server's name, with VOSIA_DOWNLOAD_SERVER_NAME). `flags`: a
  !> sum of VOSIA_DOWNLOAD_* (absent: 0). `dl` (null on entry) receives one entry whenever
  !> the download was attempted, also when it failed: then status is the entry's failure and
  !> dl is filled (see the top comment, Downloads); vosia_free it either way.
  subroutine vosia_service_download_url(svc, url, dir, dl, status, name, flags)
    type(vosia_service_t), intent(in) :: svc
    character(len=*), intent(in) :: url, dir
    type(vosia_downloads_t), intent(inout) :: dl
    integer, intent(inout) :: status
    character(len=*), intent(in), optional :: name
    integer, intent(in), optional :: flags
    character(kind=c_char), dimension(:), allocatable, target :: cname
    type(c_ptr) :: pname
    if (.not. may_create(dl%ptr, 'downloads', status)) return
    pname = c_null_ptr
    if (present(name)) then
      if (len_trim(name) > 0) call f_c_chars(name, cname)
    end if
    if (allocated(cname)) pname = c_loc(cname)
    call take(c_service_download_url(svc%ptr, f_c_str(url), f_c_str(dir), pname, &
        flags_arg(flags), dl%ptr), status)
  end subroutine

  !> Downloads the datasets (VOSIA_FIELD_ACCESS_URL; a DataLink document is followed to its
  !> #this link) of rows first_row .. first_row + n_rows - 1 of `res` (first_row defaults to
  !> 1, n_rows to the rest of the rows) into the existing folder `dir`, in parallel, named as
  !> pyvo names them (the title, whitespace as "_", and the extension of the format).
  !> `flags`: a sum of VOSIA_DOWNLOAD_* (absent: 0). `dl` (null on entry) receives one entry
  !> per row, in row order, whenever the downloads were attempted, also when some failed:
  !> then status is the first failed entry's failure (vosia_errmsg says how many failed, and
  !> counts entries from 0) and dl is filled; vosia_free it either way. Rows outside the
  !> result are VOSIA_E_RANGE, with dl left null.
  subroutine vosia_service_download_rows(svc, res, dir, dl, status, first_row, n_rows, flags)
    type(vosia_service_t), intent(in) :: svc
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: dir
    type(vosia_downloads_t), intent(inout) :: dl
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row, n_rows
    integer, intent(in), optional :: flags
    integer(c_int64_t) :: n
    integer :: st
    if (.not. may_create(dl%ptr, 'downloads', status)) return
    if (present(n_rows)) then
      n = n_rows
    else  ! the rest of the rows (a results handle that is not live: the C call tells)
      ! Not c_results_row_count itself: gfortran 12 then passes res%ptr by reference in
      ! vosia_results_row_count (a procedure(count64_fn) entity called from two routines).
      st = VOSIA_OK
      call vosia_results_row_count(res, n, st)
      n = max(0_c_int64_t, n - row0(first_row))
    end if
    call take(c_service_download_rows(svc%ptr, res%ptr, row0(first_row), n, f_c_str(dir), &
        flags_arg(flags), dl%ptr), status)
  end subroutine

  !> The DataLink links of rows first_row .. first_row + n_rows - 1 of `res` (first_row
  !> defaults to 1, n_rows to the rest; at most 500) in one request to the DataLink service
  !> the response describes, into the new results handle `links` (null on entry): columns
  !> ID, access_url, service_def, error_message, semantics, content_type, ...; its own
  !> service descriptors (SODA) with it. VOSIA_E_UNSUPPORTED when the response describes no
  !> DataLink service; vosia_results_overflow says when the service stopped early.
  subroutine vosia_service_datalink_rows(svc, res, links, status, first_row, n_rows)
    type(vosia_service_t), intent(in) :: svc
    type(vosia_results_t), intent(in) :: res
    type(vosia_results_t), intent(inout) :: links
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row, n_rows
    integer(c_int64_t) :: n
    integer :: st
    if (.not. may_create(links%ptr, 'results', status)) return
    if (present(n_rows)) then
      n = n_rows
    else  ! the rest of the rows, through the module routine (see download_rows)
      st = VOSIA_OK
      call vosia_results_row_count(res, n, st)
      n = max(0_c_int64_t, n - row0(first_row))
    end if
    call take(c_service_datalink_rows(svc%ptr, res%ptr, row0(first_row), n, links%ptr), status)
  end subroutine

  !> Cuts the same region out of the datasets of rows first_row .. first_row + n_rows - 1 of
  !> `res` (first_row defaults to 1, n_rows to the rest of the rows) with SODA (sync) into
  !> the existing folder `dir`, in parallel; each cutout is saved as a download is. The
  !> parameters are names(i)=values(i) (SODA "CIRCLE" with "ra dec radius", "POLYGON",
  !> "POS", "BAND", "TIME", "POL" or any other the service takes; values as the service reads
  !> them), trimmed of trailing blanks; names(:) and values(:) must have the same size and no
  !> name may be blank (VOSIA_E_INVALID_ARG). The SODA service of a row is the one a
  !> descriptor of the response describes, else the #proc/#cutout link of its DataLink
  !> document. Files are named <title>_cutout_<8 hex digits of the parameters>.fits, so a
  !> rerun with the same parameters fetches nothing (VOSIA_DOWNLOAD_CACHED). `flags`:
  !> VOSIA_DOWNLOAD_REFRESH or absent (0). `dl` (null on entry) receives one entry per row,
  !> in row order, as vosia_service_download_rows: whenever the cutouts were attempted, also
  !> when some failed; then status is the first failed entry's failure (VOSIA_E_HTTP: the
  !> region misses that image, or the service refused; VOSIA_E_UNSUPPORTED: no SODA service
  !> for that row; the download failures) and dl is filled; vosia_free it either way. Rows
  !> outside the result are VOSIA_E_RANGE, with dl left null.
  subroutine vosia_service_cutout_rows(svc, res, names, values, dir, dl, status, first_row, &
      n_rows, flags)
    type(vosia_service_t), intent(in) :: svc
    type(vosia_results_t), intent(in) :: res
    character(len=*), intent(in) :: names(:), values(:)
    character(len=*), intent(in) :: dir
    type(vosia_downloads_t), intent(inout) :: dl
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: first_row, n_rows
    integer, intent(in), optional :: flags
    character(kind=c_char), dimension(:), allocatable, target :: chars
    type(c_ptr), dimension(:), allocatable, target :: pnames, pvalues
    type(c_ptr) :: pn, pv
    integer(c_int64_t) :: n
    integer :: st, i, k, np
    if (.not. may_create(dl%ptr, 'downloads', status)) return
    np = size(names)
    if (size(values) /= np) then
      call fail(status, VOSIA_E_INVALID_ARG, 'names(:) and values(:) must have the same ' // &
          'size (one value per name)')
      return
    end if
    ! Every name and value NUL-terminated, one after the other in `chars`; pnames(i) and
    ! pvalues(i) point at their first characters.
    allocate(chars(sum(len_trim(names)) + sum(len_trim(values)) + 2 * np))
    allocate(pnames(np), pvalues(np))
    k = 1
    do i = 1, np
      call put_c_str(names(i), chars, k, pnames(i))
      call put_c_str(values(i), chars, k, pvalues(i))
    end do
    pn = c_null_ptr
    pv = c_null_ptr
    if (np > 0) then
      pn = c_loc(pnames)
      pv = c_loc(pvalues)
    end if
    if (present(n_rows)) then
      n = n_rows
    else  ! the rest of the rows, as vosia_service_download_rows (not c_results_row_count)
      st = VOSIA_OK
      call vosia_results_row_count(res, n, st)
      n = max(0_c_int64_t, n - row0(first_row))
    end if
    call take(c_service_cutout_rows(svc%ptr, res%ptr, row0(first_row), n, pn, pv, &
        int(np, c_size_t), f_c_str(dir), flags_arg(flags), dl%ptr), status)
  end subroutine

  ! --------------------------------------------------------------------------- batches
  !> Runs all `queries` at once (see vosia.h, vosia_batch_execute): at most `jobs` at a time
  !> (absent or 0: 8), at most `per_host` against one host (absent or 0: 4), request starts
  !> to one host `min_interval` seconds apart (absent: 0), a host's Retry-After holding all of
  !> its requests; `progress` (a vosia_progress_fn, with `user`) hears (queries done, total)
  !> after each one, from the batch's threads, one call at a time; non-zero cancels the rest.
  !> `bat` (null on entry) receives one item per query, in order, whenever they ran, also
  !> when some failed: then status is the first failed item's failure (vosia_errmsg says how
  !> many failed, counting items from 0); vosia_free it either way.
  subroutine vosia_batch_execute(queries, bat, status, jobs, per_host, min_interval, &
      progress, user)
    type(vosia_query_t), intent(in) :: queries(:)
    type(vosia_batch_t), intent(inout) :: bat
    integer, intent(inout) :: status
    integer, intent(in), optional :: jobs, per_host
    real(c_double), intent(in), optional :: min_interval
    procedure(vosia_progress_fn), optional :: progress
    type(c_ptr), intent(in), optional :: user
    type(c_ptr) :: handles(max(1, size(queries)))
    integer(c_int32_t) :: j, h
    real(c_double) :: gap
    type(c_funptr) :: fn
    type(c_ptr) :: u
    integer :: k
    if (.not. may_create(bat%ptr, 'batch', status)) return
    do k = 1, size(queries)
      handles(k) = queries(k)%ptr
    end do
    j = 0
    h = 0
    gap = 0
    fn = c_null_funptr
    u = c_null_ptr
    if (present(jobs)) j = int(jobs, c_int32_t)
    if (present(per_host)) h = int(per_host, c_int32_t)
    if (present(min_interval)) gap = min_interval
    if (present(progress)) fn = c_funloc(progress)
    if (present(user)) u = user
    call take(c_batch_execute(handles, int(size(queries), c_int64_t), j, h, gap, fn, u, &
        bat%ptr), status)
  end subroutine

  !> How many items `bat` holds (one per query given).
  subroutine vosia_batch_count(bat, n, status)
    type(vosia_batch_t), intent(in) :: bat
    integer(c_int64_t), intent(out) :: n
    integer, intent(inout) :: status
    n = 0
    if (status /= VOSIA_OK) return
    n = c_batch_count(bat%ptr)
    call take_last(n < 0, status)
    n = max(0_c_int64_t, n)
  end subroutine

  !> The outcome of item `i` (1-based: the i-th query): item_status is VOSIA_OK or its
  !> failure. When this call fails, or is entered with a failed status, it is that status.
  subroutine vosia_batch_status(bat, i, item_status, status)
    type(vosia_batch_t), intent(in) :: bat
    integer(c_int64_t), intent(in) :: i
    integer, intent(out) :: item_status
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    item_status = status
    if (status /= VOSIA_OK) return
    v = VOSIA_E_INTERNAL
    st = c_batch_status(bat%ptr, i - 1, v)
    call take(st, status)
    item_status = status
    if (st == VOSIA_OK) item_status = int(v)
  end subroutine

  !> The results of item `i`, lent by `bat`: read them with every vosia_results_* routine,
  !> but never vosia_free them (they go with vosia_free(bat)). is_null (res left null) when
  !> the query failed (see vosia_batch_get_error).
  subroutine vosia_batch_get_results(bat, i, res, status, is_null)
    type(vosia_batch_t), intent(in) :: bat
    integer(c_int64_t), intent(in) :: i
    type(vosia_results_t), intent(out) :: res
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    res%ptr = c_null_ptr
    if (.not. proceed(status, is_null)) return
    st = c_batch_get_results(bat%ptr, i - 1, p)
    call take(st, status, is_null)
    if (st == VOSIA_OK) res%ptr = p
  end subroutine

  !> What went wrong with item `i` (the library's detail); is_null ("") when it succeeded.
  subroutine vosia_batch_get_error(bat, i, text, status, is_null)
    type(vosia_batch_t), intent(in) :: bat
    integer(c_int64_t), intent(in) :: i
    character(len=:), allocatable, intent(out) :: text
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    text = ''
    if (.not. proceed(status, is_null)) return
    st = c_batch_get_error(bat%ptr, i - 1, p)
    call take_str(st, p, text, status, is_null)
  end subroutine

  !> How many entries `dl` holds (one per file asked for).
  subroutine vosia_downloads_count(dl, n, status)
    type(vosia_downloads_t), intent(in) :: dl
    integer(c_int64_t), intent(out) :: n
    integer, intent(inout) :: status
    n = 0
    if (status /= VOSIA_OK) return
    n = c_downloads_count(dl%ptr)
    call take_last(n < 0, status)
    n = max(0_c_int64_t, n)
  end subroutine

  !> The outcome of entry `i`: entry_status is VOSIA_OK when its file is in place, else its
  !> failure (VOSIA_E_*). It is VOSIA_OK only then: when this call fails, or is entered with
  !> a failed status, entry_status is that status.
  subroutine vosia_downloads_status(dl, i, entry_status, status)
    type(vosia_downloads_t), intent(in) :: dl
    integer(c_int64_t), intent(in) :: i
    integer, intent(out) :: entry_status
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    entry_status = status
    if (status /= VOSIA_OK) return
    v = VOSIA_E_INTERNAL
    st = c_downloads_status(dl%ptr, i - 1, v)
    call take(st, status)
    entry_status = status
    if (st == VOSIA_OK) entry_status = int(v)
  end subroutine

  !> The path of entry `i`'s file (`dir` joined with its name); is_null ("") when the entry
  !> failed (see vosia_downloads_get_error).
  subroutine vosia_downloads_get_path(dl, i, path, status, is_null)
    type(vosia_downloads_t), intent(in) :: dl
    integer(c_int64_t), intent(in) :: i
    character(len=:), allocatable, intent(out) :: path
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call entry_str(c_downloads_get_path, dl, i, path, status, is_null)
  end subroutine

  !> What went wrong with entry `i` (the library's detail, counting rows from 0); is_null
  !> ("") when the entry succeeded.
  subroutine vosia_downloads_get_error(dl, i, text, status, is_null)
    type(vosia_downloads_t), intent(in) :: dl
    integer(c_int64_t), intent(in) :: i
    character(len=:), allocatable, intent(out) :: text
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    call entry_str(c_downloads_get_error, dl, i, text, status, is_null)
  end subroutine

  !> The size in bytes of entry `i`'s file and how it came (VOSIA_DOWNLOAD_FETCHED,
  !> _RESUMED, _CACHED); is_null when the entry failed, and then both are left as they were.
  subroutine vosia_downloads_file(dl, i, bytes, how, status, is_null)
    type(vosia_downloads_t), intent(in) :: dl
    integer(c_int64_t), intent(in) :: i
    integer(c_int64_t), intent(inout) :: bytes
    integer, intent(inout) :: how
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    integer(c_int64_t) :: b
    integer(c_int32_t) :: h, st
    if (.not. proceed(status, is_null)) return
    st = c_downloads_file(dl%ptr, i - 1, b, h)
    call take(st, status, is_null)
    if (st == VOSIA_OK) then
      bytes = b
      how = int(h)
    end if
  end subroutine

  ! ------------------------------------------------------------------ TAP, registry, SAMP

  !> Runs the ADQL query `adql` on the TAP service whose root URL (.../tap) `tap` was made
  !> for, through its transport settings; `res` (null on entry) receives the answer, read as
  !> results of tap's SIA version. `maxrec` caps the rows (absent: the service's default); a
  !> cut answer has vosia_results_overflow set.
  subroutine vosia_tap_query(tap, adql, res, status, maxrec)
    type(vosia_service_t), intent(in) :: tap
    character(len=*), intent(in) :: adql
    type(vosia_results_t), intent(inout) :: res
    integer, intent(inout) :: status
    integer(c_int64_t), intent(in), optional :: maxrec
    integer(c_int64_t) :: m
    if (.not. may_create(res%ptr, 'results', status)) return
    m = -1
    if (present(maxrec)) m = maxrec
    call take(c_tap_query(tap%ptr, f_c_str(adql), m, res%ptr), status)
  end subroutine

  !> New registry search constraints asking for every SIA 1.0 and 2.0 service.
  subroutine vosia_registry_query_new(q, status)
    type(vosia_registry_query_t), intent(inout) :: q
    integer, intent(inout) :: status
    if (may_create(q%ptr, 'registry query', status)) &
        call take(c_registry_query_new(q%ptr), status)
  end subroutine

  !> Adds a constraint: VOSIA_REGISTRY_SERVICE_TYPE ("sia" or "sia2"), _KEYWORD (all must
  !> match), _WAVEBAND (a messenger term; any may match), _IVOID (any may match).
  subroutine vosia_registry_query_add(q, constraint, value, status)
    type(vosia_registry_query_t), intent(in) :: q
    integer, intent(in) :: constraint
    character(len=*), intent(in) :: value
    integer, intent(inout) :: status
    if (status == VOSIA_OK) call take(c_registry_query_add(q%ptr, int(constraint, c_int32_t), &
        f_c_str(value)), status)
  end subroutine

  !> Asks for services whose declared coverage contains the circle (degrees; radius 0: the
  !> point). Needs a registry with RegTAP 1.2 coverage.
  subroutine vosia_registry_query_set_position(q, ra, dec, radius, status)
    type(vosia_registry_query_t), intent(in) :: q
    real(c_double), intent(in) :: ra, dec, radius
    integer, intent(inout) :: status
    if (status == VOSIA_OK) &
        call take(c_registry_query_set_position(q%ptr, ra, dec, radius), status)
  end subroutine

  !> The SIA services meeting `q` in the RegTAP registry whose TAP root URL `registry` was
  !> made for; `hits` (null on entry) receives them, ordered by ivoid.
  subroutine vosia_registry_search(registry, q, hits, status)
    type(vosia_service_t), intent(in) :: registry
    type(vosia_registry_query_t), intent(in) :: q
    type(vosia_registry_hits_t), intent(inout) :: hits
    integer, intent(inout) :: status
    if (may_create(hits%ptr, 'registry hits', status)) &
        call take(c_registry_search(registry%ptr, q%ptr, hits%ptr), status)
  end subroutine

  !> How many hits there are.
  subroutine vosia_registry_hits_count(hits, n, status)
    type(vosia_registry_hits_t), intent(in) :: hits
    integer(c_int64_t), intent(out) :: n
    integer, intent(inout) :: status
    n = 0
    if (status /= VOSIA_OK) return
    n = c_registry_hits_count(hits%ptr)
    call take_last(n < 0, status)
    n = max(0_c_int64_t, n)
  end subroutine

  !> Attribute `attr` of hit `i` (1-based): VOSIA_ATTR_IVOID, _TITLE, _SHORT_NAME,
  !> _DESCRIPTION, _WAVEBAND, _STANDARD_ID, _URL (the access URL); is_null ("") when the
  !> record leaves it empty.
  subroutine vosia_registry_hits_get_attr(hits, i, attr, value, status, is_null)
    type(vosia_registry_hits_t), intent(in) :: hits
    integer(c_int64_t), intent(in) :: i
    integer, intent(in) :: attr
    character(len=:), allocatable, intent(out) :: value
    integer, intent(inout) :: status
    logical, intent(out), optional :: is_null
    type(c_ptr) :: p
    integer(c_int32_t) :: st
    value = ''
    if (.not. proceed(status, is_null)) return
    st = c_registry_hits_get_attr(hits%ptr, i - 1, int(attr, c_int32_t), p)
    call take_str(st, p, value, status, is_null)
  end subroutine

  !> The SIA version of hit `i` (1-based): VOSIA_SIA1 or VOSIA_SIA2 (0 when this fails).
  subroutine vosia_registry_hits_version(hits, i, version, status)
    type(vosia_registry_hits_t), intent(in) :: hits
    integer(c_int64_t), intent(in) :: i
    integer, intent(out) :: version
    integer, intent(inout) :: status
    integer(c_int32_t) :: v, st
    version = 0
    if (status /= VOSIA_OK) return
    st = c_registry_hits_version(hits%ptr, i - 1, v)
    call take(st, status)
    if (st == VOSIA_OK) version = int(v)
  end subroutine

  !> A new service (null on entry) for hit `i` (1-based): its access URL and SIA version.
  subroutine vosia_registry_hits_service(hits, i, svc, status)
    type(vosia_registry_hits_t), intent(in) :: hits
    integer(c_int64_t), intent(in) :: i
    type(vosia_service_t), intent(inout) :: svc
    integer, intent(inout) :: status
    if (may_create(svc%ptr, 'service', status)) &
        call take(c_registry_hits_service(hits%ptr, i - 1, svc%ptr), status)
  end subroutine

  !> Registers `samp` (null on entry) under `name` with the session's SAMP hub (SAMP_HUB,
  !> else ~/.samp); VOSIA_E_CONNECT when there is none.
  subroutine vosia_samp_connect(name, samp, status)
    character(len=*), intent(in) :: name
    type(vosia_samp_t), intent(inout) :: samp
    integer, intent(inout) :: status
    if (may_create(samp%ptr, 'SAMP client', status)) &
        call take(c_samp_connect(f_c_str(name), samp%ptr), status)
  end subroutine

  !> Sends VOSIA_SAMP_IMAGE (image.load.fits) or VOSIA_SAMP_TABLE (table.load.votable) of
  !> `file_or_url` (a URL, or a local file sent as its file:// URL) to every subscribed
  !> client, or to the one whose SAMP name or id is `recipient`; `name` is what they show.
  !> `reached` receives how many clients it went to.
  subroutine vosia_samp_send(samp, what, file_or_url, status, name, recipient, reached)
    type(vosia_samp_t), intent(in) :: samp
    integer, intent(in) :: what
    character(len=*), intent(in) :: file_or_url
    integer, intent(inout) :: status
    character(len=*), intent(in), optional :: name, recipient
    integer, intent(out), optional :: reached
    character(kind=c_char), dimension(:), allocatable, target :: cname, crecipient
    type(c_ptr) :: pname, precipient
    integer(c_size_t) :: n
    integer(c_int32_t) :: st
    if (present(reached)) reached = 0
    if (status /= VOSIA_OK) return
    pname = c_null_ptr
    precipient = c_null_ptr
    if (present(name)) then
      call f_c_chars(name, cname)
      pname = c_loc(cname)
    end if
    if (present(recipient)) then
      call f_c_chars(recipient, crecipient)
      precipient = c_loc(crecipient)
    end if
    n = 0
    st = c_samp_send(samp%ptr, int(what, c_int32_t), f_c_str(file_or_url), pname, precipient, n)
    call take(st, status)
    if (st == VOSIA_OK .and. present(reached)) reached = int(n)
  end subroutine

end module vosia
