! Tests of the Fortran module vosia (ctest: fortran_module): inherited status, 1-based rows and
! columns, int64 rows, allocatable strings out, trimmed strings in, nulls through is_null that
! never touch status, errors with vosia_errmsg, the standard-field list, the keyed getters,
! the service descriptors of a response (DataLink/SODA: inputs, their ref and options),
! whole-column reads compared cell by cell with the cell getters, query setters and their
! URLs, downloads and cutouts (the argument contract, a failed download that still hands back
! its entries), on tests/data and (when present) files of the shared corpus; with
! VOSIA_TEST_DACHS set, the local DaCHS: SIA 1.0 and 2.0 searches, a saved response, service
! metadata, VOSI capabilities and availability, discovery, response limit, POST, progress and
! cancel, downloads of the rows of an SIA 2.0 search through DataLink, compared byte for byte
! with the files DaCHS serves (VOSIA_TEST_DATA_FILES), found again on a rerun, resumed, and
! SODA cutouts of those rows (smaller than the images, "no overlap" for the others, found
! again on a rerun), and the DataLink descriptor of an SIA 2.0 response (its input ID
! filled from obs_publisher_did). Inputs come from the environment:
! VOSIA_TEST_DATA, VOSIA_CORPUS, VOSIA_TEST_DACHS, VOSIA_TEST_DATA_FILES; scratch folders are
! made under /tmp.

! Progress functions for vosia_service_set_progress: bind(c) procedures of a module, as a
! user of the module writes them.
module test_progress
  use, intrinsic :: iso_c_binding, only: c_int32_t, c_int64_t, c_ptr, c_f_pointer, c_double
  use vosia, only: vosia_results_t, vosia_results_row_count, vosia_results_get_std_double_column, &
      VOSIA_OK, VOSIA_FIELD_RA
  implicit none
  private
  public :: progress_log, log_progress, cancel_progress, rows_log, log_rows

  !> What the rows function saw: the batches, their first rows and every RA in order.
  type :: rows_log
    integer(c_int64_t) :: calls = 0, rows = 0, stop_at = 0
    logical :: in_order = .true.
    real(c_double) :: ra(100) = 0
  end type

  !> What the progress function saw.
  type :: progress_log
    integer(c_int64_t) :: calls = 0, first_done = -1, last_done = -1, last_total = -2
  end type

contains

  !> Records every call in the progress_log that `user` points to; goes on.
  integer(c_int32_t) function log_progress(done, total, user) bind(c)
    integer(c_int64_t), value :: done, total
    type(c_ptr), value :: user
    type(progress_log), pointer :: log
    call c_f_pointer(user, log)
    if (log%calls == 0) log%first_done = done
    log%calls = log%calls + 1
    log%last_done = done
    log%last_total = total
    log_progress = 0
  end function

  !> Records the call, then asks to cancel.
  integer(c_int32_t) function cancel_progress(done, total, user) bind(c)
    integer(c_int64_t), value :: done, total
    type(c_ptr), value :: user
    cancel_progress = log_progress(done, total, user) + 1
  end function

  !> A rows function (vosia_rows_fn): reads each batch's RA column into the rows_log that
  !> `user` points to; stops at call stop_at.
  integer(c_int32_t) function log_rows(rows, first_row, user) bind(c)
    type(c_ptr), value :: rows
    integer(c_int64_t), value :: first_row
    type(c_ptr), value :: user
    type(rows_log), pointer :: log
    type(vosia_results_t) :: batch
    integer(c_int64_t) :: n
    integer :: status
    call c_f_pointer(user, log)
    batch = vosia_results_t(rows)
    status = VOSIA_OK
    call vosia_results_row_count(batch, n, status)
    log%calls = log%calls + 1
    if (first_row /= log%rows .or. log%rows + n > size(log%ra)) log%in_order = .false.
    if (log%in_order) then
      call vosia_results_get_std_double_column(batch, VOSIA_FIELD_RA, &
          log%ra(log%rows + 1:log%rows + n), status)
      log%rows = log%rows + n
    end if
    if (status /= VOSIA_OK) log%in_order = .false.
    log_rows = 0
    if (log%calls == log%stop_at) log_rows = 1
  end function

end module test_progress

program test_fortran
  use, intrinsic :: iso_c_binding, only: c_double, c_int64_t, c_int32_t, c_associated, c_loc, &
      c_int, c_char, c_null_char
  use, intrinsic :: iso_fortran_env, only: error_unit
  use, intrinsic :: ieee_arithmetic, only: ieee_is_nan, ieee_value, ieee_positive_inf
  use vosia
  use test_progress
  implicit none

  interface
    ! pid_t getpid(void);   (POSIX: names the scratch folders of this run)
    integer(c_int) function c_getpid() bind(c, name='getpid')
      import :: c_int
    end function
  end interface

  integer :: passed = 0, failed = 0
  character(len=:), allocatable :: data_dir, corpus_dir, dachs, files_dir

  data_dir = getenv_or('VOSIA_TEST_DATA', 'tests/data')
  corpus_dir = getenv_or('VOSIA_CORPUS', '../shared/corpus')
  dachs = getenv_or('VOSIA_TEST_DACHS', '')
  files_dir = getenv_or('VOSIA_TEST_DATA_FILES', '/var/gavo/inputs/siatest/data')

  call check(vosia_library_version() == VOSIA_VERSION_STRING, 'library version = module version')
  call check(vosia_library_version_number() == VOSIA_VERSION_NUMBER, 'version number')
  call fields()
  call fixture()
  call column_reads()
  call inherited_status()
  call error_messages()
  call queries()
  call downloads()
  call batches()
  call in_batches()
  call circles_met()
  call cutouts()
  call descriptors()
  call corpus()
  call no_samp_hub()
  if (len(dachs) > 0) then
    call live_registry()
    call live()
    call live_downloads()
    call live_batch()
    call live_cutouts()
    call live_descriptors()
  else
    print '(a)', 'VOSIA_TEST_DACHS not set: live checks skipped'
  end if

  print '(a,i0,a,i0,a)', 'test_fortran: ', passed, ' passed, ', failed, ' failed'
  if (failed > 0) error stop 1

contains

  !> Registry search and TAP on the harness's RegTAP tables: the services of three
  !> constraints, a hit's attributes, version and service, ADQL with MAXREC.
  subroutine live_registry()
    type(vosia_service_t) :: reg, found
    type(vosia_registry_query_t) :: q
    type(vosia_registry_hits_t) :: hits
    type(vosia_results_t) :: res
    type(vosia_query_t) :: query
    character(len=:), allocatable :: text
    integer :: status, version
    integer(c_int64_t) :: n, rows
    logical :: overflow, is_null

    status = VOSIA_OK
    call vosia_service_new(reg, dachs // '/tap', VOSIA_SIA2, status)
    call vosia_tap_query(reg, 'SELECT ivoid FROM rr.resource', res, status, maxrec=2_c_int64_t)
    call vosia_results_row_count(res, rows, status)
    call vosia_results_overflow(res, overflow, status)
    call check(status == VOSIA_OK .and. rows == 2 .and. overflow, 'TAP query with MAXREC=2')
    call vosia_free(res)

    call vosia_registry_query_new(q, status)
    call vosia_registry_search(reg, q, hits, status)
    call vosia_registry_hits_count(hits, n, status)
    call check(status == VOSIA_OK .and. n == 4, 'four SIA services without constraints')
    call vosia_free(hits)
    call vosia_registry_query_add(q, VOSIA_REGISTRY_SERVICE_TYPE, 'sia2', status)
    call vosia_registry_query_add(q, VOSIA_REGISTRY_KEYWORD, 'DataLink', status)
    call vosia_registry_search(reg, q, hits, status)
    call vosia_registry_hits_count(hits, n, status)
    call vosia_registry_hits_get_attr(hits, 1_c_int64_t, VOSIA_ATTR_IVOID, text, status)
    call check(status == VOSIA_OK .and. n == 1 .and. text == 'ivo://siatest.local/siatest/q/sia2dl', &
        'sia2 with the keyword DataLink: q/sia2dl')
    call vosia_free(hits)
    call vosia_free(q)

    call vosia_registry_query_new(q, status)
    call vosia_registry_query_add(q, VOSIA_REGISTRY_WAVEBAND, 'optical', status)
    call vosia_registry_query_add(q, VOSIA_REGISTRY_SERVICE_TYPE, 'sia', status)
    call vosia_registry_search(reg, q, hits, status)
    call vosia_registry_hits_count(hits, n, status)
    call vosia_registry_hits_version(hits, 1_c_int64_t, version, status)
    call vosia_registry_hits_get_attr(hits, 1_c_int64_t, VOSIA_ATTR_SHORT_NAME, text, status, &
        is_null)
    call check(status == VOSIA_OK .and. n == 1 .and. version == VOSIA_SIA1 .and. &
        text == 'siatest sia1' .and. .not. is_null, 'optical SIA 1.0: q/i, its short name')
    call vosia_registry_hits_service(hits, 1_c_int64_t, found, status)
    call vosia_query_new(query, found, status)
    call vosia_query_set_pos(query, 10.68d0, 41.27d0, status)
    call vosia_query_set_size(query, 1d0, 1d0, status)
    call vosia_query_execute(query, res, status)
    call vosia_results_row_count(res, rows, status)
    call check(status == VOSIA_OK .and. rows > 0, 'the hit''s service answers a search')
    call vosia_free(res)
    call vosia_free(query)
    call vosia_free(found)
    call vosia_free(hits)
    call vosia_registry_query_set_position(q, 10.68d0, 41.27d0, 0d0, status)
    call vosia_registry_search(reg, q, hits, status)
    call check(status == VOSIA_E_SERVICE, 'a position on a registry without coverage')
    call vosia_free(q)
    call vosia_free(reg)
  end subroutine

  !> Without a hub, connecting is VOSIA_E_CONNECT and sending on a null client fails.
  subroutine no_samp_hub()
    type(vosia_samp_t) :: samp
    integer :: status, reached
    interface
      integer(c_int) function setenv(name, value, overwrite) bind(c, name='setenv')
        import :: c_int, c_char
        character(kind=c_char), dimension(*), intent(in) :: name, value
        integer(c_int), value :: overwrite
      end function
    end interface
    status = VOSIA_OK
    if (setenv('SAMP_HUB' // c_null_char, 'std-lockurl:file:///nonexistent/vosia-f-samp' // &
        c_null_char, 1_c_int) /= 0) call check(.false., 'setenv SAMP_HUB')
    call vosia_samp_connect('vosia fortran', samp, status)
    call check(status == VOSIA_E_CONNECT, 'no SAMP hub: VOSIA_E_CONNECT')
    status = VOSIA_OK
    call vosia_samp_send(samp, VOSIA_SAMP_IMAGE, 'x.fits', status, reached=reached)
    call check(status == VOSIA_E_NULL_ARG .and. reached == 0, 'sending on a null SAMP client')
    call vosia_free(samp)
  end subroutine

  ! ------------------------------------------------------------------------- helpers

  subroutine check(cond, what)
    logical, intent(in) :: cond
    character(len=*), intent(in) :: what
    if (cond) then
      passed = passed + 1
    else
      failed = failed + 1
      write (error_unit, '(a,a)') 'CHECK failed: ', what
    end if
  end subroutine

  subroutine check_status(status, want, what)
    integer, intent(in) :: status, want
    character(len=*), intent(in) :: what
    if (status == want) then
      passed = passed + 1
    else
      failed = failed + 1
      write (error_unit, '(a,a,a,i0,a,i0,a,a)') 'CHECK failed: ', what, ': status ', status, &
          ' expected ', want, ': ', vosia_errmsg(status)
    end if
  end subroutine

  !> Checks that status is `want` and that vosia_errmsg(status) has `detail`; resets status.
  subroutine check_error(status, want, detail, what)
    integer, intent(inout) :: status
    integer, intent(in) :: want
    character(len=*), intent(in) :: detail, what
    call check_status(status, want, what)
    call check(index(vosia_errmsg(status), detail) > 0, what // ': errmsg "' // &
        vosia_errmsg(status) // '" has "' // detail // '"')
    status = VOSIA_OK
  end subroutine

  function getenv_or(name, fallback) result(value)
    character(len=*), intent(in) :: name, fallback
    character(len=:), allocatable :: value
    integer :: n, st
    call get_environment_variable(name, length=n, status=st)
    if (st /= 0 .or. n == 0) then
      value = fallback
      return
    end if
    allocate(character(len=n) :: value)
    call get_environment_variable(name, value)
  end function

  elemental logical function near(a, b)
    real(c_double), intent(in) :: a, b
    near = abs(a - b) <= 1d-9 * max(1d0, abs(b))
  end function

  !> The same double, bit for bit (NaN included).
  elemental logical function same(a, b)
    real(c_double), intent(in) :: a, b
    same = transfer(a, 0_c_int64_t) == transfer(b, 0_c_int64_t)
  end function

  logical function exists(path)
    character(len=*), intent(in) :: path
    inquire (file=path, exist=exists)
  end function

  logical function live_handle(res)
    type(vosia_results_t), intent(in) :: res
    live_handle = c_associated(res%ptr)
  end function

  logical function live_downloads_handle(dl)
    type(vosia_downloads_t), intent(in) :: dl
    live_downloads_handle = c_associated(dl%ptr)
  end function

  pure logical function ends_with(s, tail)
    character(len=*), intent(in) :: s, tail
    ends_with = .false.
    if (len(s) >= len(tail)) ends_with = s(len(s) - len(tail) + 1:) == tail
  end function

  !> A fresh, empty folder /tmp/vosia-f-dl-<pid>-<name>.
  function folder(name) result(path)
    character(len=*), intent(in) :: name
    character(len=:), allocatable :: path
    integer :: st
    path = '/tmp/vosia-f-dl-' // str(int(c_getpid(), c_int64_t)) // '-' // name
    call execute_command_line("rm -rf '" // path // "' && mkdir -p '" // path // "'", &
        exitstat=st)
    if (st /= 0) write (error_unit, '(a,a)') 'could not make ', path
  end function

  !> The bytes of file `path` ("" and ok = .false. when it cannot be read).
  subroutine read_file(path, bytes, ok)
    character(len=*), intent(in) :: path
    character(len=:), allocatable, intent(out) :: bytes
    logical, intent(out) :: ok
    integer :: u, n, st
    inquire (file=path, size=n)
    ok = n >= 0
    allocate(character(len=max(n, 0)) :: bytes)
    if (.not. ok) return
    open (newunit=u, file=path, access='stream', form='unformatted', status='old', &
        action='read', iostat=st)
    ok = st == 0
    if (.not. ok) return
    if (n > 0) read (u, iostat=st) bytes
    ok = st == 0
    close (u)
  end subroutine

  !> Writes `bytes` as the whole of file `path`.
  subroutine write_file(path, bytes)
    character(len=*), intent(in) :: path, bytes
    integer :: u
    open (newunit=u, file=path, access='stream', form='unformatted', status='replace', &
        action='write')
    write (u) bytes
    close (u)
  end subroutine

  !> Whether files a and b hold the same bytes (both readable).
  logical function same_file(a, b)
    character(len=*), intent(in) :: a, b
    character(len=:), allocatable :: x, y
    logical :: oka, okb
    call read_file(a, x, oka)
    call read_file(b, y, okb)
    same_file = oka .and. okb
    if (same_file) same_file = len(x) == len(y)
    if (same_file) same_file = x == y
    if (.not. same_file) write (error_unit, '(a,a,i0,a,a,a,i0,a)') a, ' (', len(x), &
        ' bytes) differs from ', b, ' (', len(y), ' bytes)'
  end function

  function str(i) result(s)
    integer(c_int64_t), intent(in) :: i
    character(len=:), allocatable :: s
    character(len=24) :: buf
    write (buf, '(i0)') i
    s = trim(buf)
  end function

  ! ----------------------------------------------------------------- standard fields

  subroutine fields()
    integer :: status, f, g, kind, n
    character(len=:), allocatable :: name, unit
    logical :: null, names_ok, kinds_ok

    status = VOSIA_OK
    n = vosia_library_field_count()
    call check(n == VOSIA_FIELD_COUNT, 'library field count = VOSIA_FIELD_COUNT')
    names_ok = .true.
    kinds_ok = .true.
    do f = 0, n - 1
      call vosia_field_get_attr(f, VOSIA_ATTR_NAME, name, status)
      call vosia_field_by_name(name, g, status)
      names_ok = names_ok .and. len(name) > 0 .and. g == f
      call vosia_field_kind(f, kind, status)
      kinds_ok = kinds_ok .and. (kind == VOSIA_KIND_TEXT .or. kind == VOSIA_KIND_NUMBER .or. &
          kind == VOSIA_KIND_ARRAY)
    end do
    call check_status(status, VOSIA_OK, 'every field has a name and a kind')
    call check(names_ok, 'vosia_field_by_name(name of f) = f for every field')
    call check(kinds_ok, 'every field kind is TEXT, NUMBER or ARRAY')

    call vosia_field_get_attr(VOSIA_FIELD_ACCESS_URL, VOSIA_ATTR_NAME, name, status)
    call check(name == 'access_url', 'ACCESS_URL is named access_url')
    call vosia_field_by_name('MJD_OBS   ', f, status)
    call check(f == VOSIA_FIELD_MJD_OBS, 'field_by_name is case-insensitive and trims')
    call vosia_field_get_attr(VOSIA_FIELD_RA, VOSIA_ATTR_UNIT, unit, status, is_null=null)
    call check(unit == 'deg' .and. .not. null, 'RA is in deg')
    call vosia_field_get_attr(VOSIA_FIELD_MJD_OBS, VOSIA_ATTR_UNIT, unit, status)
    call check(unit == 'd', 'MJD_OBS is in days')
    call vosia_field_get_attr(VOSIA_FIELD_TITLE, VOSIA_ATTR_UNIT, unit, status, is_null=null)
    call check(null .and. unit == '', 'TITLE has no unit: is_null')
    call vosia_field_get_attr(VOSIA_FIELD_TITLE, VOSIA_ATTR_UNIT, unit, status)
    call vosia_field_kind(VOSIA_FIELD_NAXIS, kind, status)
    call check(kind == VOSIA_KIND_ARRAY, 'NAXIS is an array')
    call vosia_field_kind(VOSIA_FIELD_RA, kind, status)
    call check(kind == VOSIA_KIND_NUMBER, 'RA is a number')
    call vosia_field_kind(VOSIA_FIELD_TITLE, kind, status)
    call check(kind == VOSIA_KIND_TEXT, 'TITLE is text')
    call vosia_field_by_name('no such field', f, status)
    call check(f == -1, 'field_by_name of an unknown name = -1')
    call check_status(status, VOSIA_OK, 'a missing unit, an unknown name: status untouched')

    call vosia_field_get_attr(VOSIA_FIELD_COUNT, VOSIA_ATTR_NAME, name, status)
    call check_error(status, VOSIA_E_RANGE, 'not a VOSIA_FIELD_*', 'field VOSIA_FIELD_COUNT')
    call vosia_field_get_attr(VOSIA_FIELD_RA, VOSIA_ATTR_UCD, name, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'NAME, UNIT', 'a field has no UCD attribute')
    call vosia_field_kind(-1, kind, status)
    call check_error(status, VOSIA_E_RANGE, '-1', 'field_kind(-1)')
  end subroutine

  ! ------------------------------------------------------- tests/data/sia1_three.xml

  ! Three images with nulls of each kind.
  subroutine fixture()
    type(vosia_results_t) :: res
    integer :: status, ncol, col, dtype
    integer(c_int64_t) :: n, i64
    character(len=:), allocatable :: s
    real(c_double) :: d
    real(c_double), allocatable :: arr(:)
    logical :: null, overflow

    status = VOSIA_OK
    ! A trailing blank in a path is trimmed (a character(len=256) variable works as is).
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml   ', VOSIA_SIA1, status)
    call check_status(status, VOSIA_OK, 'parse sia1_three.xml')
    call vosia_results_row_count(res, n, status)
    call vosia_results_column_count(res, ncol, status)
    call check(n == 3, 'three rows')
    call check(ncol == 12, 'twelve columns')
    call vosia_results_overflow(res, overflow, status)
    call check(.not. overflow, 'no overflow')
    call vosia_results_info(res, 'QUERY_STATUS', s, status)
    call check(s == 'OK', 'INFO QUERY_STATUS')
    call vosia_results_info(res, 'service_protocol', s, status)
    call check(s == '1.0', 'INFO name is case-insensitive')
    call vosia_results_info(res, 'NO_SUCH_INFO', s, status, is_null=null)
    call check(null .and. s == '', 'a missing INFO is null')
    call vosia_results_warning_count(res, n, status)
    call check(n == 0, 'no repairs')

    ! Keyed column attributes, 1-based columns.
    call vosia_results_get_column_attr(res, 1, VOSIA_ATTR_NAME, s, status)
    call check(s == 'title', 'column 1 is title')
    call vosia_results_get_column_attr(res, 1, VOSIA_ATTR_ID, s, status)
    call check(s == 'Title', 'column 1 ID')
    call vosia_results_get_column_attr(res, 10, VOSIA_ATTR_UCD, s, status)
    call check(s == 'VOX:Image_AccessReference', 'column 10 ucd')
    call vosia_results_get_column_attr(res, 10, VOSIA_ATTR_UTYPE, s, status)
    call check(s == 'Access.Reference', 'column 10 utype')
    call vosia_results_get_column_attr(res, 2, VOSIA_ATTR_UNIT, s, status)
    call check(s == 'deg', 'column 2 unit')
    call vosia_results_get_column_attr(res, 12, VOSIA_ATTR_XTYPE, s, status)
    call check(s == 'duration', 'column 12 xtype')
    call vosia_results_get_column_attr(res, 7, VOSIA_ATTR_ARRAYSIZE, s, status)
    call check(s == '*', 'column 7 arraysize')
    call vosia_results_get_column_attr(res, 2, VOSIA_ATTR_DATATYPE, s, status)
    call check(s == 'double', 'column 2 datatype')
    call vosia_results_get_column_attr(res, 4, VOSIA_ATTR_UNIT, s, status, is_null=null)
    call check(null .and. s == '', 'column 4 has no unit: is_null')
    call vosia_results_get_column_attr(res, 4, VOSIA_ATTR_DESCRIPTION, s, status)
    call check(s == '', 'an attribute not set without is_null: ""')
    call vosia_results_column_datatype(res, 11, dtype, status)
    call check(dtype == VOSIA_TYPE_LONG, 'column 11 is long')
    call vosia_results_column_datatype(res, 12, dtype, status)
    call check(dtype == VOSIA_TYPE_FLOAT, 'column 12 is float')
    call check_status(status, VOSIA_OK, 'column attributes')

    ! Lookups: 1-based, 0 for none, status untouched.
    call vosia_results_column_index(res, 'acref', col, status)
    call check(col == 10, 'column_index(acref) = 10')
    call vosia_results_column_index(res, 'AccessRef', col, status)
    call check(col == 10, 'column_index by ID')
    call vosia_results_column_index(res, 'nope', col, status)
    call check(col == 0, 'column_index(nope) = 0')
    call vosia_results_std_column(res, VOSIA_FIELD_ACCESS_URL, col, status)
    call check(col == 10, 'std_column(ACCESS_URL) = 10')
    call vosia_results_std_column(res, VOSIA_FIELD_S_FOV, col, status)
    call check(col == 0, 'std_column(S_FOV) = 0 in SIA 1.0')
    call vosia_results_column_by_ucd(res, 'VOX:Image_Format', col, status)
    call check(col == 9, 'column_by_ucd(VOX:Image_Format) = 9')
    call vosia_results_column_by_ucd(res, 'obs.exposure', col, status)
    call check(col == 12, 'column_by_ucd by one word of a compound UCD')
    call vosia_results_column_by_utype(res, 'access.reference', col, status)
    call check(col == 10, 'column_by_utype (case-insensitive)')
    call vosia_results_column_by_utype(res, 'nope', col, status)
    call check(col == 0, 'column_by_utype(nope) = 0')
    call check_status(status, VOSIA_OK, 'lookups')

    ! Standard fields, 1-based int64 rows.
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_ACCESS_URL, s, status)
    call check(s == 'http://example.org/data/img1.fits?band=V&size=full', 'row 1 access URL')
    call vosia_results_get_std_str(res, 3_c_int64_t, VOSIA_FIELD_ACCESS_URL, s, status)
    call check(s == 'http://example.org/data/img3.jpg', 'row 3 access URL')
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_TITLE, s, status)
    call check(s == 'M31 & M32, V band', 'row 1 title (entity decoded)')
    call vosia_results_get_std_double(res, 1_c_int64_t, VOSIA_FIELD_RA, d, status)
    call check(near(d, 10.6847083d0), 'row 1 RA')
    call vosia_results_get_std_double(res, 2_c_int64_t, VOSIA_FIELD_DEC, d, status)
    call check(near(d, -47.1952d0), 'row 2 Dec')
    call vosia_results_get_std_double(res, 1_c_int64_t, VOSIA_FIELD_MJD_OBS, d, status)
    call check(near(d, 58000.5d0), 'row 1 MJD')
    call vosia_results_get_std_double_array(res, 1_c_int64_t, VOSIA_FIELD_NAXIS, arr, status)
    call check(size(arr) == 2, 'NAXIS has 2 values')
    if (size(arr) == 2) call check(near(arr(1), 2048d0) .and. near(arr(2), 4096d0), 'NAXIS')
    call vosia_results_get_int64(res, 1_c_int64_t, 11, i64, status)
    call check(i64 == 153280_c_int64_t, 'filesize as int64')
    call vosia_results_get_text(res, 1_c_int64_t, 12, s, status)
    call check(s == '300.5', 'exptime as text')
    call vosia_results_get_str(res, 2_c_int64_t, 1, s, status)
    call check(s == 'M51, R band', 'get_str')
    call vosia_results_get_double_array(res, 2_c_int64_t, 8, arr, status)
    call check(size(arr) == 2, 'scale array of 2')
    if (size(arr) == 2) call check(near(arr(1), 5d-4) .and. near(arr(2), 5d-4), 'scale values')
    call vosia_results_get_double_array(res, 1_c_int64_t, 2, arr, status)
    call check(size(arr) == 1, 'a scalar as an array of one')
    call check_status(status, VOSIA_OK, 'getters')

    ! Nulls through is_null: status untouched, a number left as it was, a string "".
    d = -7d0
    call vosia_results_get_double(res, 2_c_int64_t, 12, d, status, is_null=null)
    call check(null .and. near(d, -7d0), 'NaN exptime is null, value untouched')
    i64 = -7
    call vosia_results_get_int64(res, 3_c_int64_t, 11, i64, status, is_null=null)
    call check(null .and. i64 == -7, 'VALUES null sentinel is null for get_int64')
    call vosia_results_get_std_str(res, 3_c_int64_t, VOSIA_FIELD_INSTRUMENT, s, status, &
        is_null=null)
    call check(null .and. s == '', 'empty instrument is null, ""')
    call vosia_results_get_text(res, 3_c_int64_t, 5, s, status, is_null=null)
    call check(null .and. s == '', 'get_text of an empty cell is null')
    call vosia_results_get_std_double(res, 3_c_int64_t, VOSIA_FIELD_FILESIZE, d, status, &
        is_null=null)
    call check(null, 'VALUES null sentinel is null')
    call vosia_results_get_std_double(res, 1_c_int64_t, VOSIA_FIELD_FILESIZE, d, status, &
        is_null=null)
    call check(.not. null .and. near(d, 153280d0), 'row 1 filesize not null')
    call vosia_results_get_std_double(res, 1_c_int64_t, VOSIA_FIELD_S_FOV, d, status, &
        is_null=null)
    call check(null, 'a standard field the result lacks is null')
    call vosia_results_get_std_double_array(res, 3_c_int64_t, VOSIA_FIELD_EM_MIN, arr, status, &
        is_null=null)
    call check(null .and. size(arr) == 0, 'a null array: size 0')
    call vosia_results_is_null(res, 2_c_int64_t, 12, null, status)
    call check(null, 'is_null(2, 12)')
    call vosia_results_is_null(res, 1_c_int64_t, 12, null, status)
    call check(.not. null, '.not. is_null(1, 12)')
    call check_status(status, VOSIA_OK, 'nulls with is_null leave status alone')

    ! Nulls without is_null: status untouched too (CFITSIO: only errors set status).
    d = -7d0
    call vosia_results_get_std_double(res, 3_c_int64_t, VOSIA_FIELD_MJD_OBS, d, status)
    call check_status(status, VOSIA_OK, 'null without is_null: status untouched')
    call check(near(d, -7d0), 'null without is_null: value untouched')
    call vosia_results_get_std_str(res, 3_c_int64_t, VOSIA_FIELD_INSTRUMENT, s, status)
    call check(status == VOSIA_OK .and. s == '', 'null string without is_null: ""')

    ! Errors: type and range, with the library's message; the value is left alone.
    d = -7d0
    call vosia_results_get_double(res, 1_c_int64_t, 1, d, status, is_null=null)
    call check(.not. null .and. near(d, -7d0), 'a type error is not a null; value untouched')
    call check_error(status, VOSIA_E_TYPE, 'read it with get_str', 'title read as double')
    call vosia_results_get_int64(res, 1_c_int64_t, 2, i64, status)
    call check_error(status, VOSIA_E_TYPE, 'not an integer', 'ra read as int64')
    call vosia_results_get_std_str(res, 4_c_int64_t, VOSIA_FIELD_TITLE, s, status)
    call check_error(status, VOSIA_E_RANGE, 'out of range', 'row 4 of 3')
    call vosia_results_get_double(res, 0_c_int64_t, 2, d, status)
    call check_error(status, VOSIA_E_RANGE, 'row -1', 'row 0 (C row -1)')
    call vosia_results_is_null(res, 5_c_int64_t, 1, null, status)
    call check_error(status, VOSIA_E_RANGE, 'out of range', 'is_null of row 5')
    call vosia_results_get_column_attr(res, 13, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_RANGE, 'out of range', 'column 13 of 12')
    call vosia_results_get_column_attr(res, 1, VOSIA_ATTR_URL, s, status, is_null=null)
    call check(.not. null, 'an attribute a column never has is an error, not a null')
    call check_error(status, VOSIA_E_INVALID_ARG, 'no attribute', 'a column has no URL')
    call vosia_results_column_datatype(res, 0, dtype, status)
    call check_error(status, VOSIA_E_RANGE, 'out of range', 'column 0')
    call vosia_results_std_column(res, 99, col, status)
    call check_error(status, VOSIA_E_RANGE, 'not a VOSIA_FIELD_*', 'std_column(99)')
    call vosia_results_warning(res, 1, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'warning 1 of 0')

    call vosia_free(res)
    call check(.not. live_handle(res), 'vosia_free nulls the handle')
    call vosia_free(res)   ! twice is harmless
    call vosia_results_row_count(res, n, status)
    call check_error(status, VOSIA_E_NULL_ARG, 'NULL', 'row_count of a freed handle')

    ! An error response: the service's own text; an overflow.
    call vosia_results_parse_file(res, data_dir // '/sia1_error.xml', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_SERVICE, 'Illegal POS value', 'error response')
    call check(.not. live_handle(res), 'no handle from an error response')
    call vosia_results_parse_file(res, data_dir // '/sia1_overflow.xml', VOSIA_SIA1, status)
    call vosia_results_overflow(res, overflow, status)
    call check(overflow, 'QUERY_STATUS=OVERFLOW after the table')
    call vosia_free(res)
    call vosia_results_parse_file(res, data_dir // '/no-such-file.xml', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_IO, 'no-such-file.xml', 'a missing file')

    ! Within a memory budget: refused over it, read under it (0: no limit).
    call vosia_results_parse_file_within(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, &
        1000_c_int64_t, status)
    call check_error(status, VOSIA_E_TOO_LARGE, 'memory budget', 'a file over the budget')
    call vosia_results_parse_file_within(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, &
        0_c_int64_t, status)
    call check_status(status, VOSIA_OK, 'a file with no budget')
    call vosia_free(res)
    call vosia_results_parse_within(res, '<VOTABLE><RESOURCE><TABLE><FIELD name="a" ' // &
        'datatype="int"/><DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE>' // &
        '</RESOURCE></VOTABLE>', VOSIA_SIA1, 1000000_c_int64_t, status)
    call check_status(status, VOSIA_OK, 'a document within its budget')
    call vosia_free(res)

    ! Parse from memory.
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="u" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>' // &
        '<DATA><TABLEDATA><TR><TD>http://x/a.fits</TD></TR></TABLEDATA></DATA>' // &
        '</TABLE></RESOURCE></VOTABLE>', VOSIA_SIA1, status)
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_ACCESS_URL, s, status)
    call check_status(status, VOSIA_OK, 'parse from memory')
    call check(s == 'http://x/a.fits', 'in-memory access URL')
    call vosia_free(res)
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_FORMAT, 'byte', 'a VOTable cut short')
    call vosia_results_parse(res, '<html>not a VOTable</html>', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_FORMAT, 'root element is <html>', 'an HTML page is not a VOTable')
  end subroutine

  ! ------------------------------------------------------------------- whole columns

  subroutine column_reads()
    type(vosia_results_t) :: res
    integer :: status
    integer(c_int64_t) :: n
    real(c_double) :: d3(3), d2(2), radec(3, 2), rows(2, 3), none(0)
    integer(c_int64_t) :: i3(3)
    logical :: null3(3), null2(2)
    character(len=64) :: t3(3)
    character(len=5) :: short(3)
    character(len=2) :: two(1)
    character(len=:), allocatable :: umlaut

    status = VOSIA_OK
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call vosia_results_row_count(res, n, status)
    call check(n == 3, 'three rows')

    call vosia_results_get_double_column(res, 2, d3, status)
    call check(all(near(d3, [10.6847083d0, 202.4696d0, 210.8023d0])), 'RA column')
    call vosia_results_get_double_column(res, 5, d3, status, is_null=null3)
    call check(all(null3 .eqv. [.false., .false., .true.]), 'MJD column nulls')
    call check(near(d3(1), 58000.5d0) .and. near(d3(2), 58001.25d0) .and. ieee_is_nan(d3(3)), &
        'MJD column: a null is NaN')
    call vosia_results_get_double_column(res, 12, d3, status, is_null=null3)
    call check(all(null3 .eqv. [.false., .true., .false.]) .and. near(d3(3), 60d0), &
        'float column with NaN null')
    call vosia_results_get_double_column(res, 11, d3, status)
    call check(near(d3(2), 2097152d0) .and. ieee_is_nan(d3(3)), 'a long column widens')
    call vosia_results_get_int64_column(res, 11, i3, status, is_null=null3)
    call check(all(i3 == [153280_c_int64_t, 2097152_c_int64_t, 0_c_int64_t]), &
        'int64 column; a null is 0')
    call check(all(null3 .eqv. [.false., .false., .true.]), 'int64 column nulls')
    call vosia_results_get_std_double_column(res, VOSIA_FIELD_FILESIZE, d3, status, is_null=null3)
    call check(near(d3(1), 153280d0) .and. null3(3), 'std FILESIZE column')
    call vosia_results_get_std_double_column(res, VOSIA_FIELD_S_FOV, d3, status, is_null=null3)
    call check(all(null3) .and. all(ieee_is_nan(d3)), 'a field the result lacks: all null')
    call check_status(status, VOSIA_OK, 'numeric columns; nulls leave status alone')

    ! Rows from first_row on, into sections of bigger arrays (contiguous or not).
    call vosia_results_get_double_column(res, 2, d2, status, first_row=2_c_int64_t, &
        is_null=null2)
    call check(near(d2(1), 202.4696d0) .and. near(d2(2), 210.8023d0) .and. .not. any(null2), &
        'first_row=2')
    call vosia_results_get_std_double_column(res, VOSIA_FIELD_RA, radec(:, 1), status)
    call vosia_results_get_std_double_column(res, VOSIA_FIELD_DEC, radec(:, 2), status)
    call check(near(radec(3, 1), 210.8023d0) .and. near(radec(2, 2), -47.1952d0), &
        'columns into the columns of a matrix')
    rows = -1
    call vosia_results_get_double_column(res, 2, rows(2, :), status)
    call check(near(rows(2, 2), 202.4696d0) .and. all(same(rows(1, :), -1d0)), &
        'a column into a row of a matrix (not contiguous)')
    call vosia_results_get_double_column(res, 2, none, status)
    call check_status(status, VOSIA_OK, 'zero rows')

    ! Text columns: caller-sized, blank-padded.
    call vosia_results_get_text_column(res, 4, t3, status, is_null=null3)
    call check(t3(1) == 'WFC' .and. t3(2) == 'WFC' .and. t3(3) == '' .and. &
        all(null3 .eqv. [.false., .false., .true.]), 'instrument column with a null')
    call vosia_results_get_text_column(res, 1, t3(1:1), status, first_row=2_c_int64_t)
    call check(t3(1) == 'M51, R band', 'text column from row 2')
    call vosia_results_get_text_column(res, 11, t3, status)
    call check(t3(2) == '2097152' .and. t3(3) == '', 'numbers as text')
    call vosia_results_get_std_text_column(res, VOSIA_FIELD_ACCESS_URL, t3, status)
    call check(t3(3) == 'http://example.org/data/img3.jpg', 'std text column')
    call vosia_results_get_std_text_column(res, VOSIA_FIELD_TARGET, t3, status, is_null=null3)
    call check(all(null3) .and. all(t3 == ''), 'a text field the result lacks: all null')
    call check_status(status, VOSIA_OK, 'text columns')
    call vosia_results_get_text_column(res, 1, short, status)
    call check(short(1) == 'M31 &' .and. short(3) == 'M101,', 'values cut to len(values)')
    call check_error(status, VOSIA_E_BUFFER_SIZE, 'row 1', 'a text column too long')
    call vosia_free(res)

    ! A value is cut at a character boundary: "Ko" with o-umlaut (2 bytes in UTF-8) into 2.
    umlaut = 'K' // char(195) // char(182) // 'nigstuhl'
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="site" datatype="char" arraysize="*"/><DATA><TABLEDATA>' // &
        '<TR><TD>' // umlaut // '</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>', &
        VOSIA_SIA1, status)
    call vosia_results_get_text_column(res, 1, t3(1:1), status)
    call check(t3(1) == umlaut, 'a UTF-8 value whole')
    call vosia_results_get_text_column(res, 1, two, status)
    call check(two(1) == 'K', 'cut before a 2-byte character, not inside it: ' // two(1))
    call check_error(status, VOSIA_E_BUFFER_SIZE, 'len(values) = 2', 'UTF-8 cut')
    call vosia_free(res)
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)

    ! Errors: nothing written, status and message set.
    d3 = -7
    call vosia_results_get_double_column(res, 1, d3, status)
    call check(all(same(d3, -7d0)), 'a text column read as doubles: nothing written')
    call check_error(status, VOSIA_E_TYPE, 'not a number', 'text column as doubles')
    call vosia_results_get_double_column(res, 7, d3, status)
    call check_error(status, VOSIA_E_TYPE, 'int[*]', 'array column as doubles')
    call vosia_results_get_int64_column(res, 2, i3, status)
    call check_error(status, VOSIA_E_TYPE, 'not an integer', 'double column as int64')
    call vosia_results_get_double_column(res, 2, d3, status, first_row=2_c_int64_t)
    call check_error(status, VOSIA_E_RANGE, 'past the end', 'rows 2 to 4 of 3')
    call vosia_results_get_double_column(res, 13, d3, status)
    call check_error(status, VOSIA_E_RANGE, 'out of range', 'column 13 of 12')
    call vosia_results_get_double_column(res, 2, d3, status, is_null=null2)
    call check_error(status, VOSIA_E_INVALID_ARG, 'is_null(:)', 'is_null of another size')
    call vosia_results_get_std_double_column(res, VOSIA_FIELD_TITLE, d3, status)
    call check_error(status, VOSIA_E_TYPE, 'not a number', 'std TITLE as doubles')
    t3 = 'x'
    call vosia_results_get_text_column(res, 1, t3, status, first_row=2_c_int64_t)
    call check_error(status, VOSIA_E_RANGE, 'past the end', 'text rows 2 to 4 of 3')
    call check(all(t3 == 'x'), 'text column error: nothing written')
    call vosia_results_get_text_column(res, 1, t3, status, is_null=null2)
    call check_error(status, VOSIA_E_INVALID_ARG, 'is_null(:)', 'text is_null of another size')
    call vosia_free(res)

    ! Every column and standard field of tests/data and of the corpus: one call per column
    ! against one call per cell.
    call compare_columns(data_dir // '/sia1_three.xml', VOSIA_SIA1)
    if (exists(corpus_dir // '/cds-votable-rust/astron-obscore.vot')) then
      call compare_columns(corpus_dir // '/cds-votable-rust/astron-obscore.vot', VOSIA_SIA2)
      call compare_columns(corpus_dir // '/pyvo-history/gavo-bgds-siap1.xml', VOSIA_SIA1)
      call compare_columns(corpus_dir // '/usvao/CADC_CFHT.91.xml', VOSIA_SIA1)
      call compare_columns(corpus_dir // '/astropy/binary2_masked_strings.xml', VOSIA_SIA2)
      call compare_columns(corpus_dir // '/astropy/irsa-nph-m31.xml', VOSIA_SIA1)
      call compare_columns(corpus_dir // '/pyvo/sia2-dataset.xml', VOSIA_SIA2)
    end if
  end subroutine

  !> Reads every column of `path` whole (double, int64, text) and every standard field
  !> (number, text), in one call and in chunks, and checks each against the cell getters:
  !> the same bits, the same nulls, a type error exactly where the cell getter has one.
  subroutine compare_columns(path, version)
    character(len=*), intent(in) :: path
    integer, intent(in) :: version
    type(vosia_results_t) :: res
    integer :: status, st, ncol, col, f, kind, bad
    integer(c_int64_t) :: n, i, first
    real(c_double), allocatable :: d(:), chunk(:)
    integer(c_int64_t), allocatable :: k(:)
    logical, allocatable :: null(:), tnull(:)
    character(len=4096), allocatable :: t(:)
    character(len=:), allocatable :: cell, what
    real(c_double) :: x
    integer(c_int64_t) :: y
    logical :: cnull

    status = VOSIA_OK
    call vosia_results_parse_file(res, path, version, status)
    call vosia_results_row_count(res, n, status)
    call vosia_results_column_count(res, ncol, status)
    call check_status(status, VOSIA_OK, 'parse ' // path)
    if (status /= VOSIA_OK) return
    allocate(d(n), k(n), null(n), tnull(n))
    allocate(t(n))

    do col = 1, ncol
      call vosia_results_get_column_attr(res, col, VOSIA_ATTR_NAME, cell, status)
      what = path // ' column ' // cell
      ! doubles
      bad = 0
      st = VOSIA_OK
      call vosia_results_get_double_column(res, col, d, st, is_null=null)
      do i = 1, n
        status = VOSIA_OK
        x = 0
        call vosia_results_get_double(res, i, col, x, status, is_null=cnull)
        if (st == VOSIA_E_TYPE) then
          if (status /= VOSIA_E_TYPE) bad = bad + 1
        else if (status /= VOSIA_OK .or. (cnull .neqv. null(i))) then
          bad = bad + 1
        else if (.not. cnull .and. .not. same(x, d(i))) then
          bad = bad + 1
        end if
      end do
      call check(bad == 0 .and. (st == VOSIA_OK .or. st == VOSIA_E_TYPE), &
          what // ': double column = cells')
      ! the same in chunks of 7 rows
      if (st == VOSIA_OK) then
        bad = 0
        do first = 1, n, 7
          allocate(chunk(min(7_c_int64_t, n - first + 1)))
          call vosia_results_get_double_column(res, col, chunk, st, first_row=first)
          if (.not. all(same(chunk, d(first:first + size(chunk) - 1)))) bad = bad + 1
          deallocate(chunk)
        end do
        call check(bad == 0 .and. st == VOSIA_OK, what // ': double column in chunks')
      end if
      ! integers
      bad = 0
      st = VOSIA_OK
      call vosia_results_get_int64_column(res, col, k, st, is_null=null)
      do i = 1, n
        status = VOSIA_OK
        y = 0
        call vosia_results_get_int64(res, i, col, y, status, is_null=cnull)
        if (st == VOSIA_E_TYPE) then
          if (status /= VOSIA_E_TYPE) bad = bad + 1
        else if (status /= VOSIA_OK .or. (cnull .neqv. null(i))) then
          bad = bad + 1
        else if (.not. cnull .and. y /= k(i)) then
          bad = bad + 1
        end if
      end do
      call check(bad == 0 .and. (st == VOSIA_OK .or. st == VOSIA_E_TYPE), &
          what // ': int64 column = cells')
      ! text
      bad = 0
      st = VOSIA_OK
      call vosia_results_get_text_column(res, col, t, st, is_null=tnull)
      do i = 1, n
        status = VOSIA_OK
        call vosia_results_get_text(res, i, col, cell, status, is_null=cnull)
        if (status /= VOSIA_OK) then
          bad = bad + 1
        else if ((cnull .neqv. tnull(i)) .or. t(i) /= cell) then
          bad = bad + 1
        end if
      end do
      call check(bad == 0 .and. st == VOSIA_OK, what // ': text column = cells')
    end do

    do f = 0, VOSIA_FIELD_COUNT - 1
      status = VOSIA_OK
      call vosia_field_get_attr(f, VOSIA_ATTR_NAME, cell, status)
      what = path // ' field ' // cell
      call vosia_field_kind(f, kind, status)
      bad = 0
      st = VOSIA_OK
      if (kind == VOSIA_KIND_NUMBER) then
        call vosia_results_get_std_double_column(res, f, d, st, is_null=null)
        do i = 1, n
          status = VOSIA_OK
          x = 0
          call vosia_results_get_std_double(res, i, f, x, status, is_null=cnull)
          if (st == VOSIA_E_TYPE) then
            if (status == VOSIA_E_TYPE) exit  ! the cell the column read stopped at
            if (i == n) bad = bad + 1
          else if (status /= VOSIA_OK .or. (cnull .neqv. null(i))) then
            bad = bad + 1
          else if (.not. cnull .and. .not. same(x, d(i))) then
            bad = bad + 1
          end if
        end do
        call check(bad == 0 .and. (st == VOSIA_OK .or. st == VOSIA_E_TYPE), &
            what // ': std double column = cells')
      else if (kind == VOSIA_KIND_TEXT) then
        call vosia_results_get_std_text_column(res, f, t, st, is_null=tnull)
        do i = 1, n
          status = VOSIA_OK
          call vosia_results_get_std_str(res, i, f, cell, status, is_null=cnull)
          if (st == VOSIA_E_TYPE) then
            if (status /= VOSIA_E_TYPE) bad = bad + 1
          else if (status /= VOSIA_OK) then
            bad = bad + 1
          else if ((cnull .neqv. tnull(i)) .or. t(i) /= cell) then
            bad = bad + 1
          end if
        end do
        call check(bad == 0 .and. (st == VOSIA_OK .or. st == VOSIA_E_TYPE), &
            what // ': std text column = cells')
      end if
    end do
    call vosia_free(res)
  end subroutine

  ! ------------------------------------------------------------------ inherited status

  ! CFITSIO-style status: a call entered with a failure does nothing.
  subroutine inherited_status()
    type(vosia_results_t) :: res
    integer :: status
    integer(c_int64_t) :: n
    real(c_double) :: d
    character(len=:), allocatable :: s
    logical :: null

    status = VOSIA_E_IO
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call vosia_results_row_count(res, n, status)
    call check_status(status, VOSIA_E_IO, 'status inherited through two calls')
    call check(n == 0, 'nothing done with a failed status')
    call check(.not. live_handle(res), 'no handle made with a failed status')

    ! One check at the end of a sequence: the first failure is kept.
    status = VOSIA_OK
    call vosia_results_parse_file(res, data_dir // '/no-such-file.xml', VOSIA_SIA1, status)
    call vosia_results_row_count(res, n, status)
    call check_status(status, VOSIA_E_IO, 'first failure kept')

    ! A live handle is never wiped: not by a call entered with a failed status, and not by
    ! reusing the variable for a new handle (that is refused; vosia_free it first).
    status = VOSIA_OK
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    status = VOSIA_E_IO
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call check(live_handle(res), 'a failed status leaves the handle alone')
    d = -7
    null = .true.
    call vosia_results_get_double(res, 1_c_int64_t, 2, d, status, is_null=null)
    call check(near(d, -7d0) .and. .not. null, 'a failed status: value kept, is_null .false.')
    call vosia_results_get_str(res, 1_c_int64_t, 1, s, status)
    call check(s == '', 'a failed status: string ""')
    status = VOSIA_OK
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'vosia_free it first', &
        'a handle still in use is not overwritten')
    call vosia_results_row_count(res, n, status)
    call check(status == VOSIA_OK .and. n == 3, 'the first handle still works')
    call vosia_free(res)
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call check_status(status, VOSIA_OK, 'a freed handle variable takes a new handle')
    call vosia_free(res)
  end subroutine

  ! The detail in vosia_errmsg belongs to the failure it is asked about.
  subroutine error_messages()
    type(vosia_results_t) :: res
    integer :: status
    real(c_double) :: d
    character(len=:), allocatable :: s, msg

    status = VOSIA_OK
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call vosia_results_get_double(res, 1_c_int64_t, 1, d, status)
    call check_status(status, VOSIA_E_TYPE, 'a type error')
    call check(vosia_last_status() == VOSIA_E_TYPE, 'vosia_last_status after it')
    call check(index(vosia_last_error(), 'title') > 0, 'vosia_last_error after it')
    call check(vosia_errmsg(VOSIA_E_IO) == vosia_strerror(VOSIA_E_IO), &
        'no detail of another failure: ' // vosia_errmsg(VOSIA_E_IO))
    call check(vosia_strerror(VOSIA_OK) /= vosia_strerror(VOSIA_E_TYPE), 'strerror texts')
    status = VOSIA_OK
    ! the module's own failure, then a library failure with the same status
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call check(index(vosia_errmsg(status), 'vosia_free') > 0, 'the module''s own detail')
    status = VOSIA_OK
    call vosia_results_get_column_attr(res, 1, 999, s, status)
    msg = vosia_errmsg(status)
    call check(index(msg, 'no attribute 999') > 0 .and. index(msg, 'vosia_free') == 0, &
        'a later library failure wins: ' // msg)
    call vosia_free(res)
  end subroutine

  ! --------------------------------------------------------------------------- queries

  subroutine queries()
    type(vosia_service_t) :: svc, svc2
    type(vosia_query_t) :: q, q2, c
    type(vosia_results_t) :: res
    type(progress_log), target :: log
    integer :: status, ver, n
    character(len=:), allocatable :: url, s
    real(c_double) :: poly(2, 3), bad_poly(3, 2)
    logical :: nul, up

    status = VOSIA_OK
    call vosia_service_new(svc, 'http://127.0.0.1:9/sia1?', VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 5d0, status)
    call vosia_service_set_connect_timeout(svc, 2d0, status)
    call vosia_service_set_max_response_bytes(svc, 10000000_c_int64_t, status)
    call vosia_service_set_memory_budget(svc, 100000000_c_int64_t, status)
    call vosia_service_set_retries(svc, 1, 2d0, status)
    call vosia_service_set_post_above(svc, huge(1_c_int64_t), status)
    call vosia_service_set_post_above(svc, 0_c_int64_t, status)
    call vosia_service_set_post_above(svc, 4096_c_int64_t, status)
    call vosia_service_set_keepalive(svc, .true., status)
    call vosia_service_add_header(svc, 'X-Test', 'fortran', status)
    call vosia_service_trust_redirects_to(svc, 'https://data.example.org', status)
    call vosia_service_set_progress(svc, log_progress, status, c_loc(log))
    call vosia_service_set_progress(svc, status=status)
    call vosia_service_get_version(svc, ver, status)
    call check(ver == VOSIA_SIA1, 'service version')
    call vosia_service_get_attr(svc, VOSIA_ATTR_URL, url, status)
    call check(url == 'http://127.0.0.1:9/sia1?', 'base URL')
    call check_status(status, VOSIA_OK, 'service settings')
    call vosia_service_set_timeout(svc, 0d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'timeout 0')
    call vosia_service_set_connect_timeout(svc, -1d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'connect timeout -1')
    call vosia_service_set_max_response_bytes(svc, -1_c_int64_t, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'got -1', 'response limit -1')
    call vosia_service_set_memory_budget(svc, -1_c_int64_t, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'memory budget', 'memory budget -1')
    call vosia_service_set_ca_file(svc, '/no/such/ca.pem', status)
    call check_error(status, VOSIA_E_IO, '/no/such/ca.pem', 'a missing CA file')
    call vosia_service_set_client_cert(svc, '/no/such/cert.pem', status)
    call check_error(status, VOSIA_E_IO, '/no/such/cert.pem', 'a missing client certificate')
    call vosia_service_set_retries(svc, -1, 1d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'max_retries', 'retries -1')
    call vosia_service_set_post_above(svc, -1_c_int64_t, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'post_above -1')
    call vosia_service_add_header(svc, 'Bad Name', 'x', status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'a header name with a space')
    call vosia_service_trust_redirects_to(svc, 'https://data.example.org/files', status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'scheme, host and port only', &
        'an origin with a path')
    call vosia_service_get_attr(svc, VOSIA_ATTR_DESCRIPTION, s, status, is_null=nul)
    call check(.not. nul, 'description before the metadata is an error, not a null')
    call check_error(status, VOSIA_E_INVALID_ARG, 'vosia_service_fetch_metadata', &
        'description before the metadata')
    call vosia_service_param_count(svc, n, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'fetch_metadata', 'params before metadata')
    call vosia_service_get_capability_attr(svc, 1, VOSIA_ATTR_URL, s, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'fetch_capabilities', &
        'capabilities before fetching them')
    call vosia_service_new(svc, 'http://127.0.0.1:9/other?', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'service variable', 'service in use')
    call vosia_service_new(svc2, 'ftp://example.org/', VOSIA_SIA1, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'not an http URL')
    call vosia_service_check_availability(svc, up, status, s)
    call check(.not. up .and. s == '', 'availability of nothing: not available, no note')
    call check(status == VOSIA_E_CONNECT .or. status == VOSIA_E_TIMEOUT, &
        'availability of nothing: a transport error')
    status = VOSIA_OK
    call vosia_service_discover(svc2, 'http://127.0.0.1:9/x', status, timeout=-1d0)
    call check_error(status, VOSIA_E_INVALID_ARG, 'timeout', 'discover with a timeout of -1')

    call vosia_query_new(q, svc, status)
    call vosia_query_set_pos(q, 10.68d0, 41.27d0, status)
    call vosia_query_set_size(q, 0.2d0, 0.2d0, status)
    call vosia_query_set_maxrec(q, 5_c_int64_t, status)
    call vosia_query_set_format(q, 'image/fits', status)
    call vosia_query_add_format(q, 'image/jpeg', status)
    call vosia_query_set_intersect(q, 'covers', status)
    call vosia_query_set_verb(q, 2, status)
    call vosia_query_set_responseformat(q, 'votabletd', status)
    call vosia_query_set_param(q, 'object', 'M31', status)
    call vosia_query_add_param(q, 'extra', 'a b', status)
    call vosia_query_url(q, url, status)
    call check_status(status, VOSIA_OK, 'SIA 1 query setters')
    call check(index(url, 'SIZE=0.2') > 0 .and. index(url, 'MAXREC=5') > 0, 'URL: ' // url)
    call check(index(url, 'OBJECT=M31') > 0, 'set_param in URL')
    call check(index(url, 'FORMAT=image/fits,image/jpeg') > 0, 'add_format: ' // url)
    call check(index(url, 'INTERSECT=COVERS') > 0 .and. index(url, 'VERB=2') > 0, &
        'INTERSECT and VERB: ' // url)
    call check(index(url, 'EXTRA=a%20b') > 0, 'add_param percent-encoded: ' // url)

    call vosia_query_clone(q, c, status)
    call vosia_query_set_maxrec(c, 7_c_int64_t, status)
    call vosia_query_url(c, url, status)
    call check(index(url, 'MAXREC=7') > 0, 'clone changed')
    call vosia_query_url(q, url, status)
    call check(index(url, 'MAXREC=5') > 0, 'original unchanged')
    call vosia_query_clone(q, c, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'query variable', 'clone into a query in use')
    call vosia_free(c)

    call vosia_query_add_circle(q, 10d0, 41d0, 0.1d0, status)
    call check_error(status, VOSIA_E_UNSUPPORTED, '', 'CIRCLE on SIA 1.0')
    call vosia_query_add_interval(q, VOSIA_PARAM_BAND, 4d-7, 6d-7, status)
    call check_error(status, VOSIA_E_UNSUPPORTED, '', 'BAND on SIA 1.0')
    call vosia_query_add_text(q, VOSIA_PARAM_COLLECTION, 'x', status)
    call check_error(status, VOSIA_E_UNSUPPORTED, '', 'COLLECTION on SIA 1.0')
    call vosia_query_set_pos(q, 10d0, 95d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '95', 'Dec 95')
    call vosia_query_set_maxrec(q, -1_c_int64_t, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'MAXREC -1')
    call vosia_query_set_intersect(q, 'sideways', status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'INTERSECT sideways')

    ! Nothing listens on port 9.
    call vosia_query_execute(q, res, status)
    call check(status == VOSIA_E_CONNECT .or. status == VOSIA_E_TIMEOUT, 'execute to port 9 fails')
    call check(index(vosia_query_error(q), '127.0.0.1:9') > 0, 'query error text')
    call check(index(vosia_errmsg(status, q), vosia_query_error(q)) > 0, 'errmsg with query')
    call check(.not. live_handle(res), 'no results from a failed execute')
    status = VOSIA_OK
    ! Saving the response: a failed execute leaves no file (nor its .part) and no results.
    s = folder('saving') // '/response.xml'
    call vosia_query_execute_saving(q, s // '   ', res, status)
    call check(status == VOSIA_E_CONNECT .or. status == VOSIA_E_TIMEOUT, &
        'execute_saving to port 9 fails')
    call check(.not. live_handle(res), 'no results from a failed execute_saving')
    call check(.not. exists(s), 'a failed execute_saving leaves no file')
    call check(.not. exists(s // '.part'), 'a failed execute_saving leaves no part file')
    call vosia_query_execute_saving(q, s, res, status)
    call check(.not. live_handle(res), 'execute_saving with a failed status: no results')
    status = VOSIA_OK
    call execute_command_line("rm -rf '" // s(1:len(s) - len('/response.xml')) // "'")
    call vosia_query_url(c, url, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'URL of a freed query')
    call check(vosia_query_error(c) == '', 'query_error of a freed query: ""')

    call vosia_service_new(svc2, 'http://127.0.0.1:9/sia2?', VOSIA_SIA2, status)
    call vosia_query_new(q2, svc2, status)
    call vosia_free(svc2)   ! the query keeps the service alive
    call vosia_query_add_circle(q2, 10.68d0, 41.27d0, 0.1d0, status)
    call vosia_query_add_range(q2, 359d0, 1d0, 0d0, 2d0, status)
    call vosia_query_add_interval(q2, VOSIA_PARAM_BAND, 4d-7, 6d-7, status)
    call vosia_query_add_interval(q2, VOSIA_PARAM_TIME, 58000d0, 58001d0, status)
    call vosia_query_add_interval(q2, VOSIA_PARAM_EXPTIME, 10d0, ieee_value(1d0, ieee_positive_inf), status)
    call vosia_query_add_text(q2, VOSIA_PARAM_COLLECTION, 'SIATEST   ', status)
    call vosia_query_add_text(q2, VOSIA_PARAM_POL, 'i', status)
    call vosia_query_add_text(q2, VOSIA_PARAM_TARGET, 'M 31', status)
    call vosia_query_add_calib(q2, 2, status)
    poly = reshape([10d0, 41d0, 11d0, 41d0, 11d0, 42d0], [2, 3])
    call vosia_query_add_polygon(q2, poly, status)
    call vosia_query_url(q2, url, status)
    call check_status(status, VOSIA_OK, 'SIA 2 query setters')
    call check(index(url, 'CIRCLE') > 0 .and. index(url, 'POLYGON') > 0, 'SIA 2 URL: ' // url)
    call check(index(url, 'RANGE%20359%20360%200%202') > 0, 'RANGE through RA 0: ' // url)
    call check(index(url, 'BAND=4e-7%206e-7') > 0, 'BAND interval: ' // url)
    call check(index(url, 'TIME=58000%2058001') > 0, 'TIME interval: ' // url)
    call check(index(url, 'EXPTIME=10%20') > 0 .and. index(url, 'nf') > 0, &
        'open EXPTIME interval: ' // url)
    call check(index(url, 'COLLECTION=SIATEST') > 0 .and. index(url, 'SIATEST%20') == 0 .and. &
        index(url, 'SIATEST+') == 0, 'trimmed string in')
    call check(index(url, 'POL=I') > 0 .and. index(url, 'TARGET=M%2031') > 0 .and. &
        index(url, 'CALIB=2') > 0, 'POL, TARGET, CALIB: ' // url)
    call vosia_query_remove_param(q2, 'BAND', status)
    call vosia_query_url(q2, url, status)
    call check(index(url, 'BAND') == 0, 'remove_param')
    call vosia_query_add_text(q2, VOSIA_PARAM_POL, 'W', status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'POL W')
    call vosia_query_add_text(q2, VOSIA_PARAM_BAND, 'x', status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'BAND is not a text parameter')
    call vosia_query_add_interval(q2, VOSIA_PARAM_BAND, 6d-7, 4d-7, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'BAND lo > hi')
    call vosia_query_add_interval(q2, VOSIA_PARAM_ID, 1d0, 2d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'ID is not an interval parameter')
    call vosia_query_add_calib(q2, 5, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'CALIB 5')
    bad_poly = 0
    call vosia_query_add_polygon(q2, bad_poly, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '(2, n)', 'a (3, 2) polygon')
    call vosia_query_add_polygon(q2, poly(:, 1:2), status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'a polygon of 2 vertices')
    call vosia_query_add_range(q2, 0d0, 1d0, 2d0, 1d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'RANGE dec1 > dec2')
    call vosia_query_set_pos(q2, 10d0, 41d0, status)
    call check_error(status, VOSIA_E_UNSUPPORTED, '', 'POS pair on SIA 2.0')

    call vosia_free(q)
    call vosia_free(q2)
    call vosia_free(svc)
    call vosia_service_set_timeout(svc, 1d0, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'a freed service')
    call vosia_service_set_progress(svc, log_progress, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'progress on a freed service')
  end subroutine

  ! ------------------------------------------------------------------------- downloads

  ! The download calls' argument contract, and failures that still hand back their entries:
  ! nothing listens on port 9.
  subroutine circles_met()
    type(vosia_results_t) :: res
    integer :: status
    logical :: met(2), null
    real(c_double) :: circles(3, 2)
    character(len=*), parameter :: doc = '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="s_ra" datatype="double"/><FIELD name="s_dec" datatype="double"/>' // &
        '<FIELD name="s_region" datatype="char" arraysize="*"/><DATA><TABLEDATA>' // &
        '<TR><TD>10</TD><TD>41</TD>' // &
        '<TD>POLYGON ICRS 9.8674 40.9 10.1326 40.9 10.1326 41.1 9.8674 41.1</TD></TR>' // &
        '<TR><TD/><TD/><TD/></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>'

    status = VOSIA_OK
    call vosia_results_parse(res, doc, VOSIA_SIA2, status)
    circles(:, 1) = [10d0, 41.15d0, 0.06d0]
    circles(:, 2) = [10d0, 41.15d0, 0.04d0]
    call vosia_results_circles_met(res, 1_c_int64_t, circles, met, status, is_null=null)
    call check(.not. null .and. met(1) .and. .not. met(2), 'circles met by row 1')
    call vosia_results_circles_met(res, 2_c_int64_t, circles, met, status, is_null=null)
    call check(null .and. .not. any(met), 'row 2 has no footprint')
    call check_status(status, VOSIA_OK, 'circles_met')
    call vosia_free(res)
  end subroutine

  subroutine batches()
    type(vosia_service_t) :: svc
    type(vosia_query_t) :: qs(3)
    type(vosia_batch_t) :: bat
    type(vosia_results_t) :: res
    integer :: status, k, item
    integer(c_int64_t) :: n
    character(len=:), allocatable :: text
    logical :: null

    status = VOSIA_OK
    call vosia_service_new(svc, 'http://127.0.0.1:9/sia?', VOSIA_SIA1, status)
    call vosia_service_set_connect_timeout(svc, 2d0, status)
    do k = 1, 3
      call vosia_query_new(qs(k), svc, status)
      call vosia_query_set_pos(qs(k), 10d0 + k, 41d0, status)
    end do
    call check_status(status, VOSIA_OK, 'batch queries made')
    call vosia_batch_execute(qs, bat, status, jobs=65)
    call check_error(status, VOSIA_E_INVALID_ARG, 'jobs', 'batch jobs 65')
    call check(.not. c_associated(bat%ptr), 'batch jobs 65: no handle')
    ! Nothing listens on port 9: every item fails, each with its own message.
    call vosia_batch_execute(qs, bat, status, jobs=2, per_host=2, min_interval=0d0)
    call check_error(status, VOSIA_E_CONNECT, '3 of 3 queries failed', 'a refused batch')
    call vosia_batch_count(bat, n, status)
    call check(n == 3, 'batch count 3, got ' // str(n))
    call vosia_batch_status(bat, 3_c_int64_t, item, status)
    call check(item == VOSIA_E_CONNECT, 'batch item 3 refused')
    call vosia_batch_get_error(bat, 3_c_int64_t, text, status, is_null=null)
    call check(.not. null .and. index(text, '127.0.0.1:9') > 0, 'batch item 3 error: ' // text)
    call vosia_batch_get_results(bat, 3_c_int64_t, res, status, is_null=null)
    call check(null .and. .not. c_associated(res%ptr), 'a failed item has no results')
    call check_status(status, VOSIA_OK, 'batch getters')
    call vosia_batch_status(bat, 4_c_int64_t, item, status)
    call check_error(status, VOSIA_E_RANGE, '', 'batch item 4 of 3')
    call vosia_batch_execute(qs, bat, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'vosia_free it first', 'a live batch handle')
    call vosia_free(bat)
    call vosia_free(bat) ! twice is harmless: the handle is null
    do k = 1, 3
      call vosia_free(qs(k))
    end do
    call vosia_free(svc)
  end subroutine

  subroutine in_batches()
    type(vosia_results_t) :: whole, rest
    type(rows_log), target :: log
    integer :: status
    integer(c_int64_t) :: n
    real(c_double) :: ra(3)
    character(len=:), allocatable :: path

    status = VOSIA_OK
    path = data_dir // '/sia1_three.xml'
    call vosia_results_parse_file(whole, path, VOSIA_SIA1, status)
    call vosia_results_get_std_double_column(whole, VOSIA_FIELD_RA, ra, status)
    call vosia_results_parse_file_in_batches(rest, path, VOSIA_SIA1, 2_c_int64_t, log_rows, &
        status, user=c_loc(log))
    call check_status(status, VOSIA_OK, 'parse_file_in_batches')
    call check(log%calls == 2 .and. log%rows == 3 .and. log%in_order, 'batches of 2: 2, then 1')
    call check(all(abs(log%ra(1:3) - ra) <= 1d-12), 'the batches hold the rows of the whole read')
    call vosia_results_row_count(rest, n, status)
    call check(n == 0, 'the rest holds no rows')
    call vosia_free(rest)
    log = rows_log(stop_at=1)
    call vosia_results_parse_file_in_batches(rest, path, VOSIA_SIA1, 1_c_int64_t, log_rows, &
        status, user=c_loc(log))
    call check_error(status, VOSIA_E_CANCELLED, 'rows function', 'a rows function that stops')
    call check(log%calls == 1 .and. .not. c_associated(rest%ptr), 'stopped at once, no rest')
    call vosia_results_parse_file_in_batches(rest, path, VOSIA_SIA1, 0_c_int64_t, log_rows, &
        status, user=c_loc(log))
    call check_error(status, VOSIA_E_INVALID_ARG, 'batch_rows', 'batch_rows 0')
    call vosia_free(whole)
  end subroutine

  subroutine live_batch()
    type(vosia_service_t) :: svc
    type(vosia_query_t) :: qs(5)
    type(vosia_batch_t) :: bat
    type(vosia_results_t) :: got, serial, rest
    type(rows_log), target :: log
    real(c_double) :: ra(100)
    integer :: status, k
    integer(c_int64_t) :: n_got, n_serial, total

    status = VOSIA_OK
    call vosia_service_new(svc, dachs // '/siatest/q/i/siap.xml?', VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    do k = 1, 5
      call vosia_query_new(qs(k), svc, status)
      call vosia_query_set_pos(qs(k), 10.6d0 + 0.03d0 * k, 41.2d0 + 0.02d0 * k, status)
      call vosia_query_set_size(qs(k), 0.2d0, 0.2d0, status)
    end do
    call vosia_batch_execute(qs, bat, status)
    call check_status(status, VOSIA_OK, 'a live batch of 5 positions')
    total = 0
    do k = 1, 5
      call vosia_batch_get_results(bat, int(k, c_int64_t), got, status)
      call vosia_results_row_count(got, n_got, status)
      call vosia_query_execute(qs(k), serial, status)
      call vosia_results_row_count(serial, n_serial, status)
      call check(n_got == n_serial, 'batch item ' // str(int(k, c_int64_t)) // ': ' // &
          str(n_got) // ' rows, serial ' // str(n_serial))
      total = total + n_got
      call vosia_free(serial)
    end do
    call check_status(status, VOSIA_OK, 'live batch reads')
    call check(total > 5, 'the live batch found images')
    call vosia_free(bat)
    ! The same query read in batches of 4 rows: the rows of its whole execute, in order.
    call vosia_query_set_size(qs(1), 1d0, 1d0, status)
    call vosia_query_execute(qs(1), serial, status)
    call vosia_results_row_count(serial, n_serial, status)
    call vosia_results_get_std_double_column(serial, VOSIA_FIELD_RA, ra(1:n_serial), status)
    call vosia_query_execute_in_batches(qs(1), 4_c_int64_t, log_rows, rest, status, &
        user=c_loc(log))
    call check_status(status, VOSIA_OK, 'a live query in batches')
    call check(n_serial > 4 .and. log%rows == n_serial .and. log%in_order, &
        'in batches: ' // str(log%rows) // ' rows, whole ' // str(n_serial))
    call check(log%calls == (n_serial + 3) / 4, 'batches of 4')
    call check(all(abs(log%ra(1:n_serial) - ra(1:n_serial)) <= 1d-12), 'in batches: the same RAs')
    call vosia_free(rest)
    call vosia_free(serial)
    do k = 1, 5
      call vosia_free(qs(k))
    end do
    call vosia_free(svc)
  end subroutine

  subroutine downloads()
    type(vosia_service_t) :: svc
    type(vosia_results_t) :: res, gone
    type(vosia_downloads_t) :: dl
    integer :: status, st, es, how
    integer(c_int64_t) :: n, bytes
    character(len=:), allocatable :: dir, s, msg
    logical :: null

    status = VOSIA_OK
    call vosia_service_new(svc, 'http://127.0.0.1:9/sia?', VOSIA_SIA1, status)
    call vosia_service_set_download_jobs(svc, 2, status)
    call vosia_service_set_max_download_bytes(svc, 0_c_int64_t, status)
    call vosia_service_set_download_timeout(svc, 60d0, status)
    call vosia_service_set_retries(svc, 0, 0d0, status)
    call check_status(status, VOSIA_OK, 'download settings')
    call vosia_service_set_download_jobs(svc, 0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '1 to 64', 'download jobs 0')
    call vosia_service_set_download_jobs(svc, 65, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '1 to 64', 'download jobs 65')
    call vosia_service_set_max_download_bytes(svc, -1_c_int64_t, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'got -1', 'download limit -1')
    call vosia_service_set_download_timeout(svc, 0d0, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'download timeout 0')
    status = VOSIA_E_IO
    call vosia_service_set_download_jobs(svc, 0, status)
    call check_status(status, VOSIA_E_IO, 'download jobs with a failed status: nothing done')
    status = VOSIA_OK

    dir = folder('refused')
    ! Argument errors: nothing attempted, no handle.
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x.fits', dir, dl, status, flags=99)
    call check(.not. live_downloads_handle(dl), 'an unknown flag: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, '99', 'an unknown download flag')
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x.fits', dir, dl, status, &
        name='x.fits', flags=99)
    call check_error(status, VOSIA_E_INVALID_ARG, '99', 'an unknown flag with a name')
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x.fits' // char(255), dir, dl, &
        status)
    call check(.not. live_downloads_handle(dl), 'bad UTF-8: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'a URL of bad UTF-8')
    ! Inherited status: nothing attempted, no handle, status kept.
    status = VOSIA_E_IO
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x.fits', dir, dl, status)
    call check(status == VOSIA_E_IO .and. .not. live_downloads_handle(dl), &
        'download_url with a failed status: nothing done, no handle')
    call vosia_service_download_rows(svc, res, dir, dl, status)
    call check(status == VOSIA_E_IO .and. .not. live_downloads_handle(dl), &
        'download_rows with a failed status: nothing done, no handle')
    status = VOSIA_OK
    call vosia_service_download_rows(svc, gone, dir, dl, status)
    call check(.not. live_downloads_handle(dl), 'download_rows of a null result: no handle')
    call check_error(status, VOSIA_E_NULL_ARG, '', 'download_rows of a null result')

    ! A refused connection: status is the entry's failure AND the handle is filled.
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x.fits', dir, dl, status)
    call check_status(status, VOSIA_E_CONNECT, 'a refused download')
    call check(live_downloads_handle(dl), 'a failed download still gives its handle')
    msg = vosia_errmsg(status)
    call check(index(msg, '1 of 1 downloads failed') > 0, 'errmsg counts the failures: ' // msg)
    ! The entries, read with a status of their own.
    st = VOSIA_OK
    call vosia_downloads_count(dl, n, st)
    call check(n == 1, 'one entry')
    es = -1
    call vosia_downloads_status(dl, 1_c_int64_t, es, st)
    call check(es == VOSIA_E_CONNECT, 'entry 1 is VOSIA_E_CONNECT')
    call vosia_downloads_get_error(dl, 1_c_int64_t, s, st, is_null=null)
    call check(.not. null .and. index(s, '127.0.0.1:9') > 0, 'entry 1 error text: ' // s)
    call vosia_downloads_get_path(dl, 1_c_int64_t, s, st, is_null=null)
    call check(null .and. s == '', 'a failed entry has no path: is_null, ""')
    call vosia_downloads_get_path(dl, 1_c_int64_t, s, st)
    call check(s == '', 'no path without is_null: ""')
    bytes = -7
    how = -7
    call vosia_downloads_file(dl, 1_c_int64_t, bytes, how, st, is_null=null)
    call check(null .and. bytes == -7 .and. how == -7, 'a failed entry has no file: values kept')
    call check_status(st, VOSIA_OK, 'entry getters: nulls leave status alone')
    ! Entries are 1-based; 0 and 2 are out of range (the detail counts from 0).
    call vosia_downloads_status(dl, 2_c_int64_t, es, st)
    call check(es == VOSIA_E_RANGE, 'entry_status of a failed call is the failure, not OK')
    call check_error(st, VOSIA_E_RANGE, 'entry 1', 'entry 2 of 1')
    call vosia_downloads_get_error(dl, 0_c_int64_t, s, st)
    call check_error(st, VOSIA_E_RANGE, '-1', 'entry 0')
    ! Inherited status in the entry getters too.
    st = VOSIA_E_IO
    es = VOSIA_OK
    call vosia_downloads_status(dl, 1_c_int64_t, es, st)
    call check(es == VOSIA_E_IO, 'entry_status with a failed status: that status, never OK')
    call vosia_downloads_count(dl, n, st)
    call check(n == 0, 'count with a failed status: 0')
    call vosia_downloads_get_error(dl, 1_c_int64_t, s, st)
    call check(s == '', 'get_error with a failed status: ""')
    call check_status(st, VOSIA_E_IO, 'entry getters keep a failed status')
    ! A handle variable in use is not overwritten.
    status = VOSIA_OK
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x.fits', dir, dl, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'vosia_free it first', 'downloads in use')
    call vosia_downloads_count(dl, n, status)
    call check(status == VOSIA_OK .and. n == 1, 'the first downloads handle still works')
    call vosia_free(dl)
    call check(.not. live_downloads_handle(dl), 'vosia_free nulls a downloads handle')
    call vosia_free(dl)
    call vosia_downloads_count(dl, n, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'count of a freed downloads handle')
    call vosia_downloads_get_path(dl, 1_c_int64_t, s, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'path of a freed downloads handle')

    ! A folder that is not there: attempted, so the handle comes with the failure.
    call vosia_service_download_url(svc, 'http://127.0.0.1:9/x', '/nonexistent/vosia', dl, &
        status, name='x.fits')
    call check(live_downloads_handle(dl), 'a missing folder: the handle is filled')
    call check_error(status, VOSIA_E_IO, 'create it first', 'a missing folder')
    call vosia_free(dl)

    ! Rows: entries in row order, 1-based; a row without access URL is its own failure.
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="t" datatype="char" arraysize="*" ucd="VOX:Image_Title"/>' // &
        '<FIELD name="u" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>' // &
        '<DATA><TABLEDATA><TR><TD>a</TD><TD>http://127.0.0.1:9/a.fits</TD></TR>' // &
        '<TR><TD>b</TD><TD></TD></TR></TABLEDATA></DATA>' // &
        '</TABLE></RESOURCE></VOTABLE>', VOSIA_SIA1, status)
    call check_status(status, VOSIA_OK, 'two rows to download')
    call vosia_service_download_rows(svc, res, dir, dl, status)
    call check_status(status, VOSIA_E_CONNECT, 'rows: the first failed entry''s status')
    msg = vosia_errmsg(status)
    call check(index(msg, '2 of 2 downloads failed') > 0, 'rows errmsg: ' // msg)
    st = VOSIA_OK
    call vosia_downloads_count(dl, n, st)
    call check(n == 2, 'one entry per row')
    call vosia_downloads_status(dl, 1_c_int64_t, es, st)
    call check(es == VOSIA_E_CONNECT, 'row 1: refused')
    call vosia_downloads_status(dl, 2_c_int64_t, es, st)
    call check(es == VOSIA_E_INVALID_ARG, 'row 2: no access URL')
    call vosia_downloads_get_error(dl, 2_c_int64_t, s, st)
    call check(len(s) > 0, 'row 2 error: ' // s)
    call check_status(st, VOSIA_OK, 'row entries')
    call vosia_free(dl)
    status = VOSIA_OK
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=2_c_int64_t)
    call check(live_downloads_handle(dl), 'first_row=2: an entry failed, the handle is filled')
    call check_status(status, VOSIA_E_INVALID_ARG, 'first_row=2: the row without access URL')
    st = VOSIA_OK
    call vosia_downloads_count(dl, n, st)
    call check(n == 1, 'first_row=2: the rest, one entry')
    call vosia_free(dl)
    status = VOSIA_OK
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=3_c_int64_t)
    call vosia_downloads_count(dl, n, status)
    call check(status == VOSIA_OK .and. n == 0, 'first_row past the last row: no entries')
    call vosia_free(dl)
    call vosia_service_download_rows(svc, res, dir, dl, status, n_rows=0_c_int64_t)
    call vosia_downloads_count(dl, n, status)
    call check(status == VOSIA_OK .and. n == 0, 'n_rows=0: no entries')
    call vosia_free(dl)
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=2_c_int64_t, &
        n_rows=2_c_int64_t)
    call check(.not. live_downloads_handle(dl), 'rows past the end: no handle')
    call check_error(status, VOSIA_E_RANGE, 'past the end', 'rows 2 to 3 of 2')
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=4_c_int64_t)
    call check_error(status, VOSIA_E_RANGE, '', 'first_row 4 of 2')
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=0_c_int64_t)
    call check_error(status, VOSIA_E_RANGE, '-1', 'first_row 0')
    call vosia_service_download_rows(svc, res, dir, dl, status, flags=8)
    call check(.not. live_downloads_handle(dl), 'rows with an unknown flag: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, '8', 'rows with an unknown flag')
    call vosia_free(res)
    call vosia_free(svc)
    call vosia_service_set_download_jobs(svc, 2, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'download jobs of a freed service')
    call execute_command_line("rm -rf '" // dir // "'")
  end subroutine

  ! The cutout call's argument contract (names(:) and values(:), checked by the module or the
  ! library before anything is attempted), and a failed cutout that still hands back its
  ! entries: nothing listens on port 9.
  subroutine cutouts()
    type(vosia_service_t) :: svc
    type(vosia_results_t) :: res, gone
    type(vosia_downloads_t) :: dl
    integer :: status, st, es
    integer(c_int64_t) :: n
    character(len=:), allocatable :: dir, s
    character(len=8) :: two_names(2), no_names(0)
    character(len=32) :: one_value(1), no_values(0)

    status = VOSIA_OK
    call vosia_service_new(svc, 'http://127.0.0.1:9/sia?', VOSIA_SIA2, status)
    call vosia_service_set_retries(svc, 0, 0d0, status)
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="t" datatype="char" arraysize="*" ucd="VOX:Image_Title"/>' // &
        '<FIELD name="u" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>' // &
        '<FIELD name="f" datatype="char" arraysize="*" ucd="VOX:Image_Format"/>' // &
        '<DATA><TABLEDATA><TR><TD>a</TD><TD>http://127.0.0.1:9/dl?ID=a</TD>' // &
        '<TD>application/x-votable+xml;content=datalink</TD></TR>' // &
        '<TR><TD>b</TD><TD>http://127.0.0.1:9/dl?ID=b</TD>' // &
        '<TD>application/x-votable+xml;content=datalink</TD></TR>' // &
        '</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>', VOSIA_SIA1, status)
    call check_status(status, VOSIA_OK, 'two rows to cut out')
    dir = folder('cutout')
    two_names = [character(len=8) :: 'CIRCLE', 'BAND']
    one_value = ['10.878948 41.309434 0.005']

    ! names(:) and values(:) of different sizes: the module's own failure, no handle.
    call vosia_service_cutout_rows(svc, res, two_names, one_value, dir, dl, status)
    call check(.not. live_downloads_handle(dl), 'cutout: 2 names, 1 value: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, 'same size', 'cutout: 2 names, 1 value')
    call vosia_service_cutout_rows(svc, res, no_names, one_value, dir, dl, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'same size', 'cutout: 0 names, 1 value')
    ! A blank name (trimmed to ""): the library's failure, no handle.
    call vosia_service_cutout_rows(svc, res, ['    '], one_value, dir, dl, status)
    call check(.not. live_downloads_handle(dl), 'cutout: a blank name: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'cutout: a blank name')
    call vosia_service_cutout_rows(svc, res, [character(len=8) :: 'CIRCLE', ''], &
        [character(len=32) :: '10.878948 41.309434 0.005', '5e-7 6e-7'], dir, dl, status)
    call check(.not. live_downloads_handle(dl), 'cutout: a blank second name: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'cutout: a blank second name')
    ! The other argument errors, as vosia_service_download_rows.
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], one_value, dir, dl, status, flags=8)
    call check(.not. live_downloads_handle(dl), 'cutout with an unknown flag: no handle')
    call check_error(status, VOSIA_E_INVALID_ARG, '8', 'cutout with an unknown flag')
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], one_value, dir, dl, status, &
        first_row=2_c_int64_t, n_rows=2_c_int64_t)
    call check(.not. live_downloads_handle(dl), 'cutout rows past the end: no handle')
    call check_error(status, VOSIA_E_RANGE, '', 'cutout rows 2 to 3 of 2')
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], one_value, dir, dl, status, &
        first_row=0_c_int64_t)
    call check_error(status, VOSIA_E_RANGE, '-1', 'cutout first_row 0')
    call vosia_service_cutout_rows(svc, gone, ['CIRCLE'], one_value, dir, dl, status)
    call check(.not. live_downloads_handle(dl), 'cutout of a null result: no handle')
    call check_error(status, VOSIA_E_NULL_ARG, '', 'cutout of a null result')
    ! Inherited status: nothing checked or attempted, no handle, status kept.
    status = VOSIA_E_IO
    call vosia_service_cutout_rows(svc, res, two_names, one_value, dir, dl, status)
    call check(status == VOSIA_E_IO .and. .not. live_downloads_handle(dl), &
        'cutout with a failed status: nothing done, no handle')
    status = VOSIA_OK
    ! No rows: nothing to cut, an empty handle.
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], one_value, dir, dl, status, &
        n_rows=0_c_int64_t)
    call vosia_downloads_count(dl, n, status)
    call check(status == VOSIA_OK .and. n == 0, 'cutout n_rows=0: no entries')
    call vosia_free(dl)

    ! Attempted: the DataLink documents cannot be fetched, the handle comes with the failure.
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], one_value, dir, dl, status)
    call check(live_downloads_handle(dl), 'a failed cutout still gives its handle')
    call check(status /= VOSIA_OK, 'a cutout from port 9 fails')
    call check(index(vosia_errmsg(status), '2 of 2 downloads failed') > 0, &
        'cutout errmsg counts the failures: ' // vosia_errmsg(status))
    st = VOSIA_OK
    call vosia_downloads_count(dl, n, st)
    call check(n == 2, 'cutout: one entry per row')
    call vosia_downloads_status(dl, 2_c_int64_t, es, st)
    call check(es == status, 'cutout: entry 2 failed as entry 1')
    call vosia_downloads_get_error(dl, 1_c_int64_t, s, st)
    call check(index(s, '127.0.0.1:9') > 0, 'cutout entry 1 error text: ' // s)
    call check_status(st, VOSIA_OK, 'cutout entries')
    status = VOSIA_OK
    ! A handle variable in use is not overwritten.
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], one_value, dir, dl, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'vosia_free it first', 'cutout: dl in use')
    call vosia_downloads_count(dl, n, status)
    call check(status == VOSIA_OK .and. n == 2, 'the first cutout handle still works')
    call vosia_free(dl)
    ! No parameters at all (NULL arrays for C): allowed, attempted.
    call vosia_service_cutout_rows(svc, res, no_names, no_values, dir, dl, status, &
        n_rows=1_c_int64_t)
    call check(live_downloads_handle(dl), 'a cutout without parameters is attempted')
    call vosia_downloads_count(dl, n, st)
    call check(n == 1, 'a cutout without parameters: one entry')
    status = VOSIA_OK
    call vosia_free(dl)
    call vosia_free(res)
    call vosia_free(svc)
    call execute_command_line("rm -rf '" // dir // "'")
  end subroutine

  ! --------------------------------------------------------------- service descriptors

  ! The service descriptors of a response (RESOURCE type="meta" utype="adhoc:service"), from
  ! memory: 1-based descriptors, inputs and options, nulls through is_null, range and key
  ! errors, an inherited status, a response without descriptors, a freed handle.
  subroutine descriptors()
    type(vosia_results_t) :: res, none
    integer :: status, n
    character(len=:), allocatable :: s
    logical :: null

    status = VOSIA_OK
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="obs_publisher_did" ID="obs_publisher_did" datatype="char" ' // &
        'arraysize="*"/><DATA><TABLEDATA><TR><TD>ivo://x/a</TD></TR></TABLEDATA></DATA>' // &
        '</TABLE></RESOURCE><RESOURCE ID="soda" name="cutouts" type="meta" ' // &
        'utype="adhoc:service"><PARAM name="standardID" datatype="char" arraysize="*" ' // &
        'value="ivo://ivoa.net/std/SODA#sync-1.0"/><PARAM name="accessURL" ' // &
        'datatype="char" arraysize="*" value="http://h/dl/dlget"/><GROUP ' // &
        'name="inputParams"><PARAM name="ID" datatype="char" arraysize="*" ' // &
        'ref="obs_publisher_did" value=""/><PARAM name="POL" datatype="char" ' // &
        'arraysize="*" value=""><DESCRIPTION>polarization</DESCRIPTION><VALUES>' // &
        '<OPTION value="I"/><OPTION value="Q"/></VALUES></PARAM></GROUP></RESOURCE>' // &
        '</VOTABLE>', VOSIA_SIA2, status)
    call check_status(status, VOSIA_OK, 'parse a response with a SODA descriptor')

    ! The descriptor.
    call vosia_results_descriptor_count(res, n, status)
    call check(n == 1, 'one service descriptor, got ' // str(int(n, c_int64_t)))
    null = .true.
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_ID, s, status, is_null=null)
    call check(s == 'soda' .and. .not. null, 'descriptor 1 ID: ' // s)
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_NAME, s, status)
    call check(s == 'cutouts', 'descriptor 1 NAME: ' // s)
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_STANDARD_ID, s, status)
    call check(s == 'ivo://ivoa.net/std/SODA#sync-1.0', 'descriptor 1 STANDARD_ID: ' // s)
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_URL, s, status)
    call check(s == 'http://h/dl/dlget', 'descriptor 1 URL: ' // s)
    call check_status(status, VOSIA_OK, 'descriptor attributes')
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_UCD, s, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'a descriptor has no UCD')
    call vosia_results_get_descriptor_attr(res, 0, VOSIA_ATTR_ID, s, status)
    call check(s == '', 'descriptor 0: ""')
    call check_error(status, VOSIA_E_RANGE, '', 'descriptor 0')
    call vosia_results_get_descriptor_attr(res, 2, VOSIA_ATTR_ID, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'descriptor past the last')

    ! Its inputs.
    call vosia_results_descriptor_input_count(res, 1, n, status)
    call check(n == 2, 'descriptor 1 has 2 inputs, got ' // str(int(n, c_int64_t)))
    call check_status(status, VOSIA_OK, 'input count')
    n = 7
    call vosia_results_descriptor_input_count(res, 0, n, status)
    call check(n == 0, 'input count of descriptor 0: 0, got ' // str(int(n, c_int64_t)))
    call check_error(status, VOSIA_E_RANGE, '', 'input count of descriptor 0')
    call vosia_results_descriptor_input_count(res, 2, n, status)
    call check_error(status, VOSIA_E_RANGE, '', 'input count past the last descriptor')

    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_NAME, s, status)
    call check(s == 'ID', 'input 1 NAME: ' // s)
    null = .true.
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_REF, s, status, &
        is_null=null)
    call check(s == 'obs_publisher_did' .and. .not. null, 'input 1 REF: ' // s)
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_DATATYPE, s, status)
    call check(s == 'char', 'input 1 DATATYPE: ' // s)
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_ARRAYSIZE, s, status)
    call check(s == '*', 'input 1 ARRAYSIZE: ' // s)
    s = 'x'
    null = .false.
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_VALUE, s, status, &
        is_null=null)
    call check(null .and. s == '', 'input 1 VALUE="" is not set: null, ""')
    call check_status(status, VOSIA_OK, 'a null input attribute leaves status alone')
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_UCD, s, status, &
        is_null=null)
    call check(null, 'input 1 without UCD: null')
    call vosia_results_get_descriptor_input_attr(res, 1, 2, VOSIA_ATTR_NAME, s, status)
    call check(s == 'POL', 'input 2 NAME: ' // s)
    call vosia_results_get_descriptor_input_attr(res, 1, 2, VOSIA_ATTR_DESCRIPTION, s, &
        status)
    call check(s == 'polarization', 'input 2 DESCRIPTION: ' // s)
    call vosia_results_get_descriptor_input_attr(res, 1, 2, VOSIA_ATTR_REF, s, status, &
        is_null=null)
    call check(null .and. s == '', 'input 2 without ref: REF null')
    call check_status(status, VOSIA_OK, 'input attributes')
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_URL, s, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'an input has no URL')
    call vosia_results_get_descriptor_input_attr(res, 1, 0, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'input 0')
    call vosia_results_get_descriptor_input_attr(res, 1, 3, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'input past the last')
    call vosia_results_get_descriptor_input_attr(res, 0, 1, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'an input of descriptor 0')
    call vosia_results_get_descriptor_input_attr(res, 2, 1, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'an input of a descriptor past the last')

    ! The inputs' options.
    call vosia_results_descriptor_input_option_count(res, 1, 1, n, status)
    call check(n == 0, 'input 1 is free: 0 options, got ' // str(int(n, c_int64_t)))
    call vosia_results_descriptor_input_option_count(res, 1, 2, n, status)
    call check(n == 2, 'input 2 has 2 options, got ' // str(int(n, c_int64_t)))
    call vosia_results_get_descriptor_input_option(res, 1, 2, 1, s, status)
    call check(s == 'I', 'input 2 option 1: ' // s)
    call vosia_results_get_descriptor_input_option(res, 1, 2, 2, s, status)
    call check(s == 'Q', 'input 2 option 2: ' // s)
    call check_status(status, VOSIA_OK, 'input options')
    n = 7
    call vosia_results_descriptor_input_option_count(res, 1, 0, n, status)
    call check(n == 0, 'option count of input 0: 0, got ' // str(int(n, c_int64_t)))
    call check_error(status, VOSIA_E_RANGE, '', 'option count of input 0')
    call vosia_results_descriptor_input_option_count(res, 1, 3, n, status)
    call check_error(status, VOSIA_E_RANGE, '', 'option count of an input past the last')
    call vosia_results_descriptor_input_option_count(res, 0, 1, n, status)
    call check_error(status, VOSIA_E_RANGE, '', 'option count in descriptor 0')
    call vosia_results_descriptor_input_option_count(res, 2, 1, n, status)
    call check_error(status, VOSIA_E_RANGE, '', 'option count in a descriptor past the last')
    call vosia_results_get_descriptor_input_option(res, 1, 2, 0, s, status)
    call check(s == '', 'option 0: ""')
    call check_error(status, VOSIA_E_RANGE, '', 'option 0')
    call vosia_results_get_descriptor_input_option(res, 1, 2, 3, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'option past the last')
    call vosia_results_get_descriptor_input_option(res, 1, 1, 1, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'an option of a free input')
    call vosia_results_get_descriptor_input_option(res, 1, 0, 1, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'an option of input 0')
    call vosia_results_get_descriptor_input_option(res, 0, 2, 1, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'an option in descriptor 0')

    ! A failed status on entry: nothing done, nothing changed.
    status = VOSIA_E_IO
    n = 7
    call vosia_results_descriptor_count(res, n, status)
    call check(n == 0, 'descriptor count with a failed status: 0')
    null = .true.
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_ID, s, status, is_null=null)
    call check(s == '' .and. .not. null, 'descriptor attr with a failed status: ""')
    call vosia_results_descriptor_input_count(res, 1, n, status)
    call check(n == 0, 'input count with a failed status: 0')
    call vosia_results_get_descriptor_input_attr(res, 1, 1, VOSIA_ATTR_NAME, s, status)
    call check(s == '', 'input attr with a failed status: ""')
    call vosia_results_descriptor_input_option_count(res, 1, 2, n, status)
    call check(n == 0, 'option count with a failed status: 0')
    call vosia_results_get_descriptor_input_option(res, 1, 2, 1, s, status)
    call check(s == '', 'option with a failed status: ""')
    call check_status(status, VOSIA_E_IO, 'a failed status is kept through the getters')
    status = VOSIA_OK
    call vosia_free(res)

    ! A response without descriptors; a freed handle.
    call vosia_results_parse_file(none, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call vosia_results_descriptor_count(none, n, status)
    call check_status(status, VOSIA_OK, 'descriptor count of a response without any')
    call check(n == 0, 'a response without descriptors: 0, got ' // str(int(n, c_int64_t)))
    call vosia_results_get_descriptor_attr(none, 1, VOSIA_ATTR_ID, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'descriptor 1 of a response without any')
    call vosia_free(none)
    n = 7
    call vosia_results_descriptor_count(none, n, status)
    call check(n == 0, 'descriptor count of a freed handle: 0, got ' // str(int(n, c_int64_t)))
    call check_error(status, VOSIA_E_NULL_ARG, '', 'descriptor count of a freed handle')
    call vosia_results_get_descriptor_input_attr(none, 1, 1, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_NULL_ARG, '', 'input attr of a freed handle')
  end subroutine

  ! The service descriptor of a live SIA 2.0 response whose access URLs are DataLink
  ! documents: one DataLink descriptor, its input ID filled from column obs_publisher_did.
  subroutine live_descriptors()
    type(vosia_service_t) :: svc
    type(vosia_query_t) :: q
    type(vosia_results_t) :: res, links
    integer :: status, n, k, id_input, col
    integer(c_int64_t) :: nrows, nlinks, r, nthis
    character(len=:), allocatable :: s

    status = VOSIA_OK
    call vosia_service_new(svc, dachs // '/siatest/q/sia2dl/siap2.xml?', VOSIA_SIA2, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_add_circle(q, 10.6847d0, 41.269d0, 0.1d0, status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call check_status(status, VOSIA_OK, 'live descriptor search')
    call vosia_results_descriptor_count(res, n, status)
    call check(n == 1, 'live sia2dl: 1 service descriptor, got ' // str(int(n, c_int64_t)))
    call vosia_results_get_descriptor_attr(res, 1, VOSIA_ATTR_STANDARD_ID, s, status)
    call check(index(s, 'ivo://ivoa.net/std/DataLink') == 1, 'live descriptor STANDARD_ID: ' &
        // s)
    call vosia_results_descriptor_input_count(res, 1, n, status)
    id_input = 0
    do k = 1, n
      call vosia_results_get_descriptor_input_attr(res, 1, k, VOSIA_ATTR_NAME, s, status)
      if (s == 'ID') id_input = k
    end do
    call check(id_input > 0, 'live descriptor: an input ID')
    if (id_input > 0) then
      call vosia_results_get_descriptor_input_attr(res, 1, id_input, VOSIA_ATTR_REF, s, status)
      call check(s == 'obs_publisher_did', 'live descriptor: ID has REF ' // s)
    end if
    call check_status(status, VOSIA_OK, 'live descriptor reads')
    ! The DataLink links of every row in one request: a #this link for each.
    call vosia_service_datalink_rows(svc, res, links, status)
    call check_status(status, VOSIA_OK, 'live datalink_rows')
    call vosia_results_row_count(res, nrows, status)
    call vosia_results_column_index(links, 'semantics', col, status)
    call vosia_results_row_count(links, nlinks, status)
    nthis = 0
    do r = 1, nlinks
      call vosia_results_get_str(links, r, col, s, status)
      if (s == '#this') nthis = nthis + 1
    end do
    call check(nthis == nrows .and. nrows > 0, 'live datalink_rows: one #this per row')
    call vosia_free(links)
    call vosia_service_datalink_rows(svc, res, links, status, 1_c_int64_t, nrows + 1)
    call check_status(status, VOSIA_E_RANGE, 'live datalink_rows past the end')
    call vosia_free(res)
    call vosia_free(q)
    call vosia_free(svc)
  end subroutine

  ! ---------------------------------------------------------------------------- corpus

  subroutine corpus()
    type(vosia_results_t) :: res
    integer :: status, col, i
    integer(c_int64_t) :: n, nw
    character(len=:), allocatable :: s
    real(c_double) :: d
    logical :: null, all_named

    if (.not. exists(corpus_dir // '/pyvo/sia1-dataset.xml')) then
      print '(a)', 'corpus not found: corpus checks skipped'
      return
    end if
    status = VOSIA_OK
    call vosia_results_parse_file(res, corpus_dir // '/pyvo/sia1-dataset.xml', VOSIA_SIA1, status)
    call vosia_results_row_count(res, n, status)
    call check(n == 2, 'sia1-dataset: 2 rows')
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_ACCESS_URL, s, status)
    call check(s == 'http://example.com/querydata/image.fits', 'sia1-dataset access URL')
    call vosia_results_get_std_double(res, 1_c_int64_t, VOSIA_FIELD_RA, d, status)
    call check(near(d, 288.95078924817d0), 'sia1-dataset RA')
    call vosia_results_get_std_double(res, 2_c_int64_t, VOSIA_FIELD_MJD_OBS, d, status, &
        is_null=null)
    call check(null, 'sia1-dataset row 2 MJD null')
    call check_status(status, VOSIA_OK, 'sia1-dataset')
    call vosia_free(res)

    call vosia_results_parse_file(res, corpus_dir // '/pyvo/sia2-dataset.xml', VOSIA_SIA2, status)
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_FACILITY, s, status)
    call check(s == 'TEST-1.6m', 'sia2-dataset facility')
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_COLLECTION, s, status)
    call check(s == 'TEST', 'sia2-dataset collection')
    call vosia_results_column_by_utype(res, 'Access.Reference', col, status)
    call vosia_results_get_column_attr(res, max(col, 1), VOSIA_ATTR_NAME, s, status)
    call check(col > 0 .and. s == 'access_url', 'utype without the obscore: prefix')
    call vosia_results_std_column(res, VOSIA_FIELD_ACCESS_URL, i, status)
    call check(i == col, 'std_column(ACCESS_URL) = the access_url column')
    call vosia_results_std_column(res, VOSIA_FIELD_MJD_OBS, col, status)
    call check(col == 0, 'SIA 2.0 MJD_OBS is computed: no column')
    call check_status(status, VOSIA_OK, 'sia2-dataset')
    call vosia_free(res)

    ! Repairs: cells the reader could not read, kept as null, each told as a warning.
    call vosia_results_parse_file(res, corpus_dir // '/astropy/irsa-nph-m31.xml', VOSIA_SIA1, &
        status)
    call vosia_results_warning_count(res, nw, status)
    call check(nw == 49, 'irsa-nph-m31: 49 repairs, got ' // str(nw))
    call vosia_results_warning(res, 1, s, status)
    call check(index(s, 'row 0') > 0 .and. index(s, 'kept as null') > 0, 'warning 1: ' // s)
    all_named = .true.
    do i = 1, int(min(100_c_int64_t, nw))
      call vosia_results_warning(res, i, s, status)
      all_named = all_named .and. index(s, 'column') > 0
    end do
    call check(all_named, 'every warning names its column')
    call check_status(status, VOSIA_OK, 'irsa-nph-m31 warnings')
    call vosia_results_warning(res, int(nw) + 1, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'warning past the last')
    call vosia_free(res)

    ! Error documents from real services.
    call vosia_results_parse_file(res, corpus_dir // '/pyvo-history/error2-sia.xml', VOSIA_SIA1, &
        status)
    call check_error(status, VOSIA_E_SERVICE, 'SiaUsageException', 'CADC error document')
    call vosia_results_parse_file(res, corpus_dir // '/astroquery/ned-error.xml', VOSIA_SIA1, &
        status)
    call check_error(status, VOSIA_E_SERVICE, 'No note found.', 'NED error with status OK')
  end subroutine

  ! ------------------------------------------------------------------------------ live

  subroutine live()
    type(vosia_service_t) :: svc, found
    type(vosia_query_t) :: q
    type(vosia_results_t) :: res
    type(progress_log), target :: log
    integer :: status, i, k, n, ncap, col
    integer(c_int64_t) :: nrows, r
    character(len=:), allocatable :: s, note, std_id
    real(c_double), allocatable :: ra(:)
    real(c_double) :: x
    logical :: overflow, up, null, found_sia, same_ra

    status = VOSIA_OK
    call vosia_service_new(svc, dachs // '/siatest/q/i/siap.xml?', VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_set_pos(q, 10.6847d0, 41.269d0, status)
    call vosia_query_set_size(q, 1.5d0, 1.5d0, status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call vosia_results_row_count(res, nrows, status)
    call check_status(status, VOSIA_OK, 'live SIA 1.0 search')
    call check(nrows == 30, 'live SIA 1.0: 30 images near M31, got ' // str(nrows))
    allocate(ra(nrows))
    call vosia_results_get_std_double_column(res, VOSIA_FIELD_RA, ra, status)
    same_ra = .true.
    do r = 1, nrows
      call vosia_results_get_std_str(res, r, VOSIA_FIELD_ACCESS_URL, s, status)
      call check(index(s, '/getproduct/siatest/data/') > 0, 'live access URL ' // s)
      call vosia_results_get_std_double(res, r, VOSIA_FIELD_RA, x, status)
      same_ra = same_ra .and. same(x, ra(r)) .and. abs(x - 10.6847d0) < 2d0
    end do
    call check(same_ra, 'live RA column = RA cells, near M31')
    call check_status(status, VOSIA_OK, 'live SIA 1.0 reads')
    call vosia_free(res)
    ! The same query POSTed.
    call vosia_service_set_post_above(svc, 0_c_int64_t, status)
    call vosia_query_execute(q, res, status)
    call vosia_results_row_count(res, nrows, status)
    call check(status == VOSIA_OK .and. nrows == 30, 'live SIA 1.0 POSTed: 30 images, got ' // &
        str(nrows))
    call vosia_service_set_post_above(svc, 4096_c_int64_t, status)
    call vosia_free(res)
    ! The same response saved while it is parsed: the file parses to the same 30 rows.
    s = folder('saved') // '/m31.xml'
    call vosia_query_execute_saving(q, s, res, status)
    call vosia_results_row_count(res, nrows, status)
    call check(status == VOSIA_OK .and. nrows == 30, 'live execute_saving: 30 images, got ' // &
        str(nrows))
    call check(exists(s), 'live execute_saving: the file')
    call check(.not. exists(s // '.part'), 'live execute_saving: no part file left')
    call vosia_query_execute_saving(q, s, res, status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'vosia_free it first', &
        'execute_saving: res in use')
    call vosia_free(res)
    call vosia_results_parse_file(res, s, VOSIA_SIA1, status)
    call vosia_results_row_count(res, nrows, status)
    call check(status == VOSIA_OK .and. nrows == 30, 'live: the saved response parses, ' // &
        str(nrows) // ' rows')
    call vosia_free(res)
    call vosia_query_execute_saving(q, '/nonexistent/vosia/m31.xml', res, status)
    call check(.not. live_handle(res), 'live execute_saving into a missing folder: no results')
    call check_error(status, VOSIA_E_IO, '', 'live execute_saving into a missing folder')
    status = VOSIA_OK
    call vosia_query_set_maxrec(q, 4_c_int64_t, status)
    call vosia_query_execute(q, res, status)
    call vosia_results_row_count(res, nrows, status)
    call vosia_results_overflow(res, overflow, status)
    call check(nrows == 4 .and. overflow, 'live MAXREC=4: 4 rows and an overflow')
    call vosia_free(res)
    call vosia_query_set_verb(q, 0, status)
    call vosia_query_execute(q, res, status)
    call check_status(status, VOSIA_E_SERVICE, 'live VERB=0')
    call check(index(vosia_errmsg(status, q), 'verb') > 0, 'the service''s own text: ' // &
        vosia_errmsg(status, q))
    status = VOSIA_OK

    ! Metadata: parameters, their options, columns, the description.
    call vosia_service_fetch_metadata(svc, status)
    call check_status(status, VOSIA_OK, 'live fetch_metadata')
    call vosia_service_param_count(svc, n, status)
    call check(n >= 4, 'live: at least 4 parameters')
    call vosia_service_param_index(svc, 'intersect', i, status)
    call check(i > 0, 'live: INTERSECT parameter')
    call vosia_service_get_param_attr(svc, i, VOSIA_ATTR_NAME, s, status)
    call check(s == 'INTERSECT', 'parameter name')
    call vosia_service_get_param_attr(svc, i, VOSIA_ATTR_VALUE, s, status)
    call check(s == 'OVERLAPS', 'parameter default')
    call vosia_service_get_param_attr(svc, i, VOSIA_ATTR_UCD, s, status, is_null=null)
    call check(null, 'parameter without UCD: null')
    call vosia_service_param_option_count(svc, i, n, status)
    call check(n == 4, 'INTERSECT has 4 options')
    s = ''
    do k = 1, n
      call vosia_service_get_param_option(svc, i, k, note, status)
      s = s // note // ' '
    end do
    call check(s == 'OVERLAPS COVERS ENCLOSED CENTER ', 'options: ' // s)
    call vosia_service_param_index(svc, 'no such parameter', k, status)
    call check(k == 0, 'param_index of an unknown parameter = 0')
    call vosia_service_column_count(svc, n, status)
    call check(n > 10, 'live: more than 10 output columns')
    call vosia_service_get_column_attr(svc, 1, VOSIA_ATTR_NAME, s, status)
    call check(s == 'accref', 'first output column')
    call vosia_service_get_attr(svc, VOSIA_ATTR_DESCRIPTION, s, status)
    call check(index(s, 'synthetic FITS images') > 0, 'service description')
    call check_status(status, VOSIA_OK, 'live metadata')
    call vosia_service_get_param_option(svc, i, 99, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'option 99')
    call vosia_service_get_param_attr(svc, 0, VOSIA_ATTR_NAME, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'parameter 0')

    ! VOSI: capabilities, availability.
    call vosia_service_fetch_capabilities(svc, ncap, status)
    call check(ncap >= 2, 'live: capabilities')
    found_sia = .false.
    do i = 1, ncap
      call vosia_service_get_capability_attr(svc, i, VOSIA_ATTR_STANDARD_ID, std_id, status)
      call vosia_service_get_capability_attr(svc, i, VOSIA_ATTR_URL, s, status)
      if (std_id == 'ivo://ivoa.net/std/SIA') found_sia = index(s, '/siatest/q/i/siap.xml') > 0
    end do
    call check(found_sia, 'the SIA 1.0 capability and its endpoint')
    call check_status(status, VOSIA_OK, 'live capabilities')
    call vosia_service_get_capability_attr(svc, ncap + 1, VOSIA_ATTR_URL, s, status)
    call check_error(status, VOSIA_E_RANGE, '', 'capability past the last')
    call vosia_service_get_capability_attr(svc, 1, VOSIA_ATTR_UCD, s, status)
    call check_error(status, VOSIA_E_INVALID_ARG, '', 'a capability has no UCD')
    call vosia_service_check_availability(svc, up, status, note)
    call check(status == VOSIA_OK .and. up, 'live: available')
    call check(len(note) >= 0, 'availability note')
    call vosia_service_check_availability(svc, up, status)
    call check(status == VOSIA_OK .and. up, 'live: available (no note asked)')
    call vosia_free(res)
    call vosia_free(q)
    call vosia_free(svc)

    ! SIA 2.0, found from the endpoint by discovery.
    call vosia_service_discover(found, dachs // '/siatest/q/sia2/siap2.xml', status, &
        timeout=30d0)
    call check_status(status, VOSIA_OK, 'live discover')
    call vosia_service_get_attr(found, VOSIA_ATTR_URL, s, status)
    call check(index(s, '/siatest/q/sia2/siap2.xml') > 0, 'discovered endpoint ' // s)
    call vosia_service_get_version(found, i, status)
    call check(i == VOSIA_SIA2, 'a discovered service speaks SIA 2.0')
    call vosia_service_fetch_capabilities(found, ncap, status)
    call check(ncap > 0, 'discovery keeps the capabilities')
    call vosia_service_discover(svc, dachs // '/siatest/q/i/siap.xml', status)
    call check_error(status, VOSIA_E_INVALID_ARG, 'SIA 2.0', 'discover an SIA 1.0 service')

    ! Progress: told as the body is read; a non-zero answer cancels.
    call vosia_service_set_progress(found, log_progress, status, c_loc(log))
    call vosia_query_new(q, found, status)
    call vosia_query_add_range(q, 359d0, 1d0, 0d0, 2d0, status)
    call vosia_query_set_responseformat(q, 'votabletd', status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call vosia_results_row_count(res, nrows, status)
    call check(nrows == 25, 'live SIA 2.0 RANGE through RA 0: 25 rows, got ' // str(nrows))
    call vosia_results_std_column(res, VOSIA_FIELD_COLLECTION, col, status)
    call vosia_results_get_std_str(res, 1_c_int64_t, VOSIA_FIELD_COLLECTION, s, status)
    call check(col > 0 .and. s == 'SIATEST', 'live SIA 2.0 collection')
    call check_status(status, VOSIA_OK, 'live SIA 2.0 search')
    call check(log%calls >= 2 .and. log%first_done == 0 .and. log%last_done > 1000, &
        'progress: from 0 to the body, ' // str(log%calls) // ' calls, ' // &
        str(log%last_done) // ' bytes')
    call check(log%last_total == -1 .or. log%last_total == log%last_done, 'progress total')
    call vosia_free(res)
    call vosia_service_set_progress(found, cancel_progress, status, c_loc(log))
    call vosia_query_execute(q, res, status)
    call check_error(status, VOSIA_E_CANCELLED, '', 'a progress function cancels')
    call check(.not. live_handle(res), 'no results from a cancelled query')
    call vosia_service_set_progress(found, status=status)
    log%calls = 0
    call vosia_query_execute(q, res, status)
    call check(status == VOSIA_OK .and. log%calls == 0, 'progress removed')
    call vosia_free(res)

    ! The response limit, a service error.
    call vosia_service_set_max_response_bytes(found, 2000_c_int64_t, status)
    call vosia_query_execute(q, res, status)
    call check_error(status, VOSIA_E_TOO_LARGE, '', 'a 2000-byte response limit')
    call vosia_service_set_max_response_bytes(found, 0_c_int64_t, status)
    call vosia_query_set_param(q, 'BAND', '5e-7', status)
    call vosia_query_execute(q, res, status)
    call check_status(status, VOSIA_E_SERVICE, 'a one-value BAND')
    call check(index(vosia_errmsg(status, q), 'UsageFault') > 0, 'DaCHS UsageFault')
    status = VOSIA_OK
    call vosia_service_check_availability(found, up, status, note)
    call check(status == VOSIA_OK .and. up, 'live SIA 2.0: available')
    call vosia_free(q)
    call vosia_free(found)
  end subroutine

  ! The rows of an SIA 2.0 search whose access URLs are DataLink documents, downloaded in
  ! one call: the FITS files (not the XML), under pyvo's names, byte for byte as DaCHS serves
  ! them; found again on a rerun; a download cut short resumes.
  subroutine live_downloads()
    type(vosia_service_t) :: svc
    type(vosia_query_t) :: q
    type(vosia_results_t) :: res
    type(vosia_downloads_t) :: dl
    integer :: status, st, es, how, k, bad_status, bad_name, bad_bytes, bad_how, bad_error
    integer :: identical
    integer(c_int64_t) :: n, m, i, bytes, fsize
    character(len=:), allocatable :: dir, path, row2_path, title, want, did, served, s
    character(len=:), allocatable :: whole, doc, rdir, part, url
    logical :: null, ok, there

    status = VOSIA_OK
    call vosia_service_new(svc, dachs // '/siatest/q/sia2dl/siap2.xml?', VOSIA_SIA2, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_service_set_download_timeout(svc, 120d0, status)
    call vosia_service_set_download_jobs(svc, 3, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_add_circle(q, 10.6847d0, 41.269d0, 0.2d0, status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call vosia_results_row_count(res, n, status)
    call check_status(status, VOSIA_OK, 'live sia2dl search')
    call check(n >= 4, 'live sia2dl: at least 4 rows, got ' // str(n))
    if (status /= VOSIA_OK .or. n == 0) return

    dir = folder('sia2dl')
    call vosia_service_download_rows(svc, res, dir, dl, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status)
    call check_status(status, VOSIA_OK, 'live: every row downloaded')
    call vosia_downloads_count(dl, m, status)
    call check(m == n, 'live: one entry per row, got ' // str(m))
    bad_status = 0
    bad_name = 0
    bad_bytes = 0
    bad_how = 0
    bad_error = 0
    identical = 0
    row2_path = ''
    do i = 1, m
      st = VOSIA_OK
      call vosia_downloads_status(dl, i, es, st)
      if (es /= VOSIA_OK) bad_status = bad_status + 1
      call vosia_downloads_get_path(dl, i, path, st)
      if (i == 2) row2_path = path
      ! pyvo's name: the title, blanks as "_", and the dataset's extension (not .xml)
      call vosia_results_get_std_str(res, i, VOSIA_FIELD_TITLE, title, st)
      want = title
      do k = 1, len(want)
        if (want(k:k) == ' ') want(k:k) = '_'
      end do
      want = '/' // want // '.fits'
      if (.not. ends_with(path, '.fits') .or. .not. ends_with(path, want)) then
        bad_name = bad_name + 1
        write (error_unit, '(a,a,a,a)') 'entry path ', path, ' does not end in ', want
      end if
      ! the FITS file itself, as DaCHS has it: its name is in the publisher DID
      call vosia_results_get_std_str(res, i, VOSIA_FIELD_PUBLISHER_DID, did, st)
      k = index(did, 'siatest_')
      served = files_dir // '/' // did(max(k, 1):)
      if (k > 0 .and. ends_with(did, '.fits')) then
        if (same_file(path, served)) identical = identical + 1
      end if
      bytes = -1
      how = -1
      call vosia_downloads_file(dl, i, bytes, how, st)
      inquire (file=path, size=fsize)
      if (bytes /= fsize .or. bytes <= 0) bad_bytes = bad_bytes + 1
      if (how /= VOSIA_DOWNLOAD_FETCHED) bad_how = bad_how + 1
      call vosia_downloads_get_error(dl, i, s, st, is_null=null)
      if (.not. null .or. s /= '') bad_error = bad_error + 1
      if (st /= VOSIA_OK) bad_status = bad_status + 1
    end do
    call check(bad_status == 0, 'live: every entry OK, ' // str(int(bad_status, c_int64_t)) // &
        ' not')
    call check(bad_name == 0, 'live: every file is the title with .fits')
    call check(identical == m, 'live: every file byte-identical to what DaCHS serves, ' // &
        str(int(identical, c_int64_t)) // ' of ' // str(m))
    call check(bad_bytes == 0, 'live: entry sizes = file sizes')
    call check(bad_how == 0, 'live: every file VOSIA_DOWNLOAD_FETCHED')
    call check(bad_error == 0, 'live: no entry has an error text')
    call vosia_free(dl)

    ! A rerun fetches nothing: every file is found complete.
    call vosia_service_download_rows(svc, res, dir, dl, status)
    call check_status(status, VOSIA_OK, 'live rerun')
    bad_how = 0
    do i = 1, m
      how = -1
      call vosia_downloads_file(dl, i, bytes, how, status)
      if (how /= VOSIA_DOWNLOAD_CACHED) bad_how = bad_how + 1
    end do
    call check(status == VOSIA_OK .and. bad_how == 0, &
        'live rerun: every file VOSIA_DOWNLOAD_CACHED')
    call vosia_free(dl)
    ! Row 2 alone (1-based first_row): the same file, found in place.
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=2_c_int64_t, &
        n_rows=1_c_int64_t)
    call vosia_downloads_count(dl, m, status)
    call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
    call vosia_downloads_file(dl, 1_c_int64_t, bytes, how, status)
    call check(status == VOSIA_OK .and. m == 1 .and. path == row2_path .and. &
        how == VOSIA_DOWNLOAD_CACHED, 'live: first_row=2, n_rows=1 is row 2: ' // path)
    call vosia_free(dl)
    call vosia_service_download_rows(svc, res, dir, dl, status, first_row=n + 1, &
        n_rows=1_c_int64_t)
    call check(.not. live_downloads_handle(dl), 'live: a row past the end, no handle')
    call check_error(status, VOSIA_E_RANGE, '', 'live: a row past the end')

    ! The download limit: a failure that comes with its handle.
    call vosia_service_set_max_download_bytes(svc, 100_c_int64_t, status)
    call vosia_service_download_rows(svc, res, folder('limit'), dl, status, n_rows=1_c_int64_t)
    call check(live_downloads_handle(dl), 'live: over the limit, the handle is filled')
    st = VOSIA_OK
    call vosia_downloads_status(dl, 1_c_int64_t, es, st)
    call check(es == VOSIA_E_TOO_LARGE, 'live: the entry is VOSIA_E_TOO_LARGE')
    call check_error(status, VOSIA_E_TOO_LARGE, '1 of 1 downloads failed', 'live: over the limit')
    call vosia_free(dl)
    call vosia_service_set_max_download_bytes(svc, 0_c_int64_t, status)

    ! A download cut short resumes from its part file.
    call read_file(files_dir // '/siatest_001_M31_V.fits', whole, ok)
    call check(ok .and. len(whole) > 100, 'live: the served file to resume')
    rdir = folder('resume')
    part = rdir // '/m31.fits.part'
    call write_file(part, whole(1:len(whole) / 2))
    url = dachs // '/getproduct/siatest/data/siatest_001_M31_V.fits'
    call vosia_service_download_url(svc, url, rdir, dl, status, name='m31.fits   ')
    how = -1
    call vosia_downloads_file(dl, 1_c_int64_t, bytes, how, status)
    call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
    call check_status(status, VOSIA_OK, 'live resume')
    call check(how == VOSIA_DOWNLOAD_RESUMED, 'live: VOSIA_DOWNLOAD_RESUMED')
    call check(ends_with(path, '/m31.fits'), 'live: the name given, trimmed: ' // path)
    call check(same_file(path, files_dir // '/siatest_001_M31_V.fits'), 'live: resumed whole')
    inquire (file=part, exist=there)
    call check(.not. there, 'live: no part file left')
    call vosia_free(dl)

    ! The DataLink document itself, when asked to keep it; the server's own name.
    call vosia_service_download_rows(svc, res, folder('keep'), dl, status, n_rows=1_c_int64_t, &
        flags=VOSIA_DOWNLOAD_KEEP_DATALINK)
    call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
    call read_file(path, doc, ok)
    call check(status == VOSIA_OK .and. ok .and. index(doc, '#this') > 0, &
        'live: KEEP_DATALINK saves the DataLink document')
    call vosia_free(dl)
    call vosia_service_download_url(svc, url, folder('server'), dl, status, &
        flags=ior(VOSIA_DOWNLOAD_SERVER_NAME, VOSIA_DOWNLOAD_REFRESH))
    call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
    call vosia_downloads_file(dl, 1_c_int64_t, bytes, how, status)
    call check(status == VOSIA_OK .and. ends_with(path, '/siatest_001_M31_V.fits') .and. &
        how == VOSIA_DOWNLOAD_FETCHED, 'live: SERVER_NAME + REFRESH: ' // path)
    call vosia_free(dl)
    ! A blank name is no name: the URL's last path segment.
    call vosia_service_download_url(svc, url, folder('blank'), dl, status, name='   ')
    call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
    call check(status == VOSIA_OK .and. ends_with(path, '/siatest_001_M31_V.fits'), &
        'live: a blank name is the URL''s: ' // path)
    call vosia_free(dl)

    call vosia_free(res)
    call vosia_free(q)
    call vosia_free(svc)
    call execute_command_line("rm -rf /tmp/vosia-f-dl-" // str(int(c_getpid(), c_int64_t)) // &
        "-*")
  end subroutine

  ! SODA cutouts of the rows of an SIA 2.0 search through the rows' DataLink #proc links: the
  ! same small circle out of every image, a FITS file smaller than the image for those it
  ! overlaps, the service's "no overlap" (HTTP 204) for the others; a rerun fetches nothing.
  subroutine live_cutouts()
    type(vosia_service_t) :: svc
    type(vosia_query_t) :: q
    type(vosia_results_t) :: res
    type(vosia_downloads_t) :: dl
    integer :: status, st, es, how, k, n_ok, bad_name, bad_size, bad_error, bad_how
    integer(c_int64_t) :: n, m, i, bytes, fsize, isize, ok_row
    character(len=:), allocatable :: dir, path, did, s, msg, ok_path
    logical :: ok_entry(64)

    status = VOSIA_OK
    call vosia_service_new(svc, dachs // '/siatest/q/sia2dl/siap2.xml?', VOSIA_SIA2, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_service_set_download_timeout(svc, 120d0, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_add_circle(q, 10.878948d0, 41.309434d0, 0.2d0, status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call vosia_results_row_count(res, n, status)
    call check_status(status, VOSIA_OK, 'live cutout search')
    call check(n >= 1 .and. n <= size(ok_entry), 'live cutout search: 1 to 64 rows, got ' // &
        str(n))
    if (status /= VOSIA_OK .or. n == 0 .or. n > size(ok_entry)) return

    dir = folder('cutout')
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], ['10.878948 41.309434 0.005'], dir, &
        dl, status)
    msg = vosia_errmsg(status)
    call check(live_downloads_handle(dl), 'live cutout: the handle is filled')
    st = VOSIA_OK
    call vosia_downloads_count(dl, m, st)
    call check(m == n, 'live cutout: one entry per row, got ' // str(m))
    n_ok = 0
    bad_name = 0
    bad_size = 0
    bad_error = 0
    ok_row = 0
    ok_path = ''
    ok_entry = .false.
    do i = 1, m
      st = VOSIA_OK
      call vosia_downloads_status(dl, i, es, st)
      if (es == VOSIA_OK) then
        n_ok = n_ok + 1
        ok_entry(i) = .true.
        call vosia_downloads_get_path(dl, i, path, st)
        if (ok_row == 0) then
          ok_row = i
          ok_path = path
        end if
        if (index(path, '_cutout_') == 0 .or. .not. ends_with(path, '.fits')) then
          bad_name = bad_name + 1
          write (error_unit, '(a,a)') 'cutout path without _cutout_ or .fits: ', path
        end if
        ! smaller than the image it was cut from (its name is in the publisher DID)
        call vosia_results_get_std_str(res, i, VOSIA_FIELD_PUBLISHER_DID, did, st)
        k = index(did, 'siatest_')
        isize = -1
        if (k > 0) inquire (file=files_dir // '/' // did(k:), size=isize)
        inquire (file=path, size=fsize)
        bytes = -1
        how = -1
        call vosia_downloads_file(dl, i, bytes, how, st)
        if (fsize <= 0 .or. isize <= 0 .or. fsize >= isize .or. bytes /= fsize .or. &
            how /= VOSIA_DOWNLOAD_FETCHED) then
          bad_size = bad_size + 1
          write (error_unit, '(a,a,i0,a,i0,a,i0)') path, ': ', fsize, ' bytes, the image ', &
              isize, ', how ', how
        end if
      else
        call vosia_downloads_get_error(dl, i, s, st)
        if (index(s, 'does not overlap') == 0) then
          bad_error = bad_error + 1
          write (error_unit, '(a,i0,a,a)') 'cutout entry ', i, ': ', s
        end if
      end if
      if (st /= VOSIA_OK) bad_error = bad_error + 1
    end do
    call check(n_ok >= 1, 'live cutout: at least one entry OK, got ' // &
        str(int(n_ok, c_int64_t)))
    if (n_ok == m) then
      call check_status(status, VOSIA_OK, 'live cutout: every entry OK')
    else
      call check_status(status, VOSIA_E_HTTP, 'live cutout: the first failed entry''s status')
      call check(index(msg, str(m - n_ok) // ' of ' // str(m) // ' downloads failed') > 0, &
          'live cutout errmsg: ' // msg)
    end if
    call check(bad_name == 0, 'live cutout: every file <title>_cutout_<hex>.fits')
    call check(bad_size == 0, 'live cutout: every file fetched and smaller than its image')
    call check(bad_error == 0, 'live cutout: every failure says "does not overlap"')
    call vosia_free(dl)

    ! A rerun with the same parameters fetches nothing: the OK ones are found in place.
    status = VOSIA_OK
    call vosia_service_cutout_rows(svc, res, ['CIRCLE'], ['10.878948 41.309434 0.005   '], &
        dir, dl, status)
    bad_how = 0
    st = VOSIA_OK
    do i = 1, m
      call vosia_downloads_status(dl, i, es, st)
      if ((es == VOSIA_OK) .neqv. ok_entry(i)) bad_how = bad_how + 1
      if (.not. ok_entry(i)) cycle
      how = -1
      call vosia_downloads_file(dl, i, bytes, how, st)
      if (how /= VOSIA_DOWNLOAD_CACHED) bad_how = bad_how + 1
    end do
    call check(st == VOSIA_OK .and. bad_how == 0, &
        'live cutout rerun: the same entries OK, each VOSIA_DOWNLOAD_CACHED')
    call vosia_free(dl)
    status = VOSIA_OK

    ! The OK row alone (1-based first_row), refreshed: fetched again under the same name.
    if (ok_row > 0) then
      call vosia_service_cutout_rows(svc, res, ['CIRCLE'], ['10.878948 41.309434 0.005'], &
          dir, dl, status, first_row=ok_row, n_rows=1_c_int64_t, flags=VOSIA_DOWNLOAD_REFRESH)
      call vosia_downloads_count(dl, m, status)
      call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
      how = -1
      call vosia_downloads_file(dl, 1_c_int64_t, bytes, how, status)
      call check(status == VOSIA_OK .and. m == 1 .and. path == ok_path .and. &
          how == VOSIA_DOWNLOAD_FETCHED, 'live cutout: row ' // str(ok_row) // &
          ' alone with REFRESH, fetched again: ' // path)
      call vosia_free(dl)
    end if
    ! Other parameters make another file.
    status = VOSIA_OK
    if (ok_row > 0) then
      call vosia_service_cutout_rows(svc, res, ['CIRCLE'], ['10.878948 41.309434 0.004'], &
          dir, dl, status, first_row=ok_row, n_rows=1_c_int64_t)
      call vosia_downloads_get_path(dl, 1_c_int64_t, path, status)
      call check(status == VOSIA_OK .and. path /= ok_path .and. index(path, '_cutout_') > 0, &
          'live cutout: another radius, another file: ' // path)
      call vosia_free(dl)
    end if

    call vosia_free(res)
    call vosia_free(q)
    call vosia_free(svc)
    call execute_command_line("rm -rf '" // dir // "'")
  end subroutine

end program test_fortran
