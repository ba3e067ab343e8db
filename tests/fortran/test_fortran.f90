! Tests of the Fortran module vosia (ctest: fortran_module): inherited status, 1-based rows and
! columns, allocatable strings out, trimmed strings in, nulls through is_null or
! VOSIA_NULL_VALUE, vosia_free, error texts, on tests/data/sia1_three.xml and (when present)
! the pyvo files of the shared corpus; with VOSIA_TEST_DACHS set, SIA 1.0 and 2.0 searches of
! the local DaCHS. Inputs come from the environment: VOSIA_TEST_DATA, VOSIA_CORPUS.
program test_fortran
  use, intrinsic :: iso_c_binding, only: c_double, c_int64_t
  use, intrinsic :: iso_fortran_env, only: error_unit
  use vosia
  implicit none

  integer :: passed = 0, failed = 0
  character(len=:), allocatable :: data_dir, corpus_dir, dachs

  data_dir = getenv_or('VOSIA_TEST_DATA', 'tests/data')
  corpus_dir = getenv_or('VOSIA_CORPUS', '../shared/corpus')
  dachs = getenv_or('VOSIA_TEST_DACHS', '')

  call check(vosia_library_version() == VOSIA_VERSION_STRING, 'library version = module version')
  call check(vosia_library_version_number() == VOSIA_VERSION_NUMBER, 'version number')
  call fixture()
  call inherited_status()
  call queries()
  call corpus()
  if (len(dachs) > 0) then
    call live()
  else
    print '(a)', 'VOSIA_TEST_DACHS not set: live checks skipped'
  end if

  print '(a,i0,a,i0,a)', 'test_fortran: ', passed, ' passed, ', failed, ' failed'
  if (failed > 0) error stop 1

contains

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

  logical function near(a, b)
    real(c_double), intent(in) :: a, b
    near = abs(a - b) <= 1d-9 * max(1d0, abs(b))
  end function

  logical function exists(path)
    character(len=*), intent(in) :: path
    inquire (file=path, exist=exists)
  end function

  ! tests/data/sia1_three.xml: three images with nulls of each kind.
  subroutine fixture()
    type(vosia_results_t) :: res
    integer :: status, n, ncol, col, dtype
    character(len=:), allocatable :: s
    real(c_double) :: d
    real(c_double), allocatable :: arr(:)
    integer(c_int64_t) :: i64
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

    ! 1-based columns.
    call vosia_results_column_name(res, 1, s, status)
    call check(s == 'title', 'column 1 is title')
    call vosia_results_column_ucd(res, 10, s, status)
    call check(s == 'VOX:Image_AccessReference', 'column 10 ucd')
    call vosia_results_column_unit(res, 2, s, status)
    call check(s == 'deg', 'column 2 unit')
    call vosia_results_column_datatype(res, 11, dtype, status)
    call check(dtype == VOSIA_TYPE_LONG, 'column 11 is long')
    call vosia_results_column_index(res, 'acref', col, status)
    call check(col == 10, 'column_index(acref) = 10')
    call vosia_results_column_index(res, 'nope', col, status)
    call check(col == 0, 'column_index(nope) = 0')
    call vosia_results_std_column(res, VOSIA_FIELD_ACCESS_URL, col, status)
    call check(col == 10, 'std_column(ACCESS_URL) = 10')
    call vosia_results_column_by_ucd(res, 'VOX:Image_Format', col, status)
    call check(col == 9, 'column_by_ucd(VOX:Image_Format) = 9')
    call check_status(status, VOSIA_OK, 'metadata calls')

    ! Standard fields, 1-based rows.
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_ACCESS_URL, s, status)
    call check(s == 'http://example.org/data/img1.fits?band=V&size=full', 'row 1 access URL')
    call vosia_results_get_std_str(res, 3, VOSIA_FIELD_ACCESS_URL, s, status)
    call check(s == 'http://example.org/data/img3.jpg', 'row 3 access URL')
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_TITLE, s, status)
    call check(s == 'M31 & M32, V band', 'row 1 title (entity decoded)')
    call vosia_results_get_std_double(res, 1, VOSIA_FIELD_RA, d, status)
    call check(near(d, 10.6847083d0), 'row 1 RA')
    call vosia_results_get_std_double(res, 2, VOSIA_FIELD_DEC, d, status)
    call check(near(d, -47.1952d0), 'row 2 Dec')
    call vosia_results_get_std_double(res, 1, VOSIA_FIELD_MJD_OBS, d, status)
    call check(near(d, 58000.5d0), 'row 1 MJD')
    call vosia_results_get_std_double_array(res, 1, VOSIA_FIELD_NAXIS, arr, status)
    call check(size(arr) == 2, 'NAXIS has 2 values')
    if (size(arr) == 2) call check(near(arr(1), 2048d0) .and. near(arr(2), 4096d0), 'NAXIS')
    call vosia_results_get_int64(res, 1, 11, i64, status)
    call check(i64 == 153280_c_int64_t, 'filesize as int64')
    call vosia_results_get_text(res, 1, 12, s, status)
    call check(s == '300.5', 'exptime as text')
    call vosia_results_get_double_array(res, 2, 8, arr, status)
    call check(size(arr) == 2, 'scale array of 2')
    call check_status(status, VOSIA_OK, 'getters')

    ! Nulls through is_null: status untouched, value untouched.
    d = -7d0
    call vosia_results_get_double(res, 2, 12, d, status, is_null=null)
    call check(null .and. near(d, -7d0), 'NaN exptime is null, value untouched')
    call vosia_results_get_std_str(res, 3, VOSIA_FIELD_INSTRUMENT, s, status, is_null=null)
    call check(null .and. s == '', 'empty instrument is null, ""')
    call vosia_results_get_std_double(res, 3, VOSIA_FIELD_FILESIZE, d, status, is_null=null)
    call check(null, 'VALUES null sentinel is null')
    call vosia_results_get_std_double(res, 1, VOSIA_FIELD_FILESIZE, d, status, is_null=null)
    call check(.not. null .and. near(d, 153280d0), 'row 1 filesize not null')
    call vosia_results_is_null(res, 2, 12, null, status)
    call check(null, 'is_null(2, 12)')
    call check_status(status, VOSIA_OK, 'nulls with is_null leave status alone')

    ! Nulls without is_null: status becomes VOSIA_NULL_VALUE.
    call vosia_results_get_std_double(res, 3, VOSIA_FIELD_MJD_OBS, d, status)
    call check_status(status, VOSIA_NULL_VALUE, 'null without is_null')
    status = VOSIA_OK

    ! Errors: a type error and a range error, with vosia's message.
    call vosia_results_get_double(res, 1, 1, d, status)
    call check_status(status, VOSIA_E_TYPE, 'title read as double')
    call check(len(vosia_errmsg(status)) > len(vosia_strerror(status)), 'errmsg has detail')
    status = VOSIA_OK
    call vosia_results_get_std_str(res, 4, VOSIA_FIELD_TITLE, s, status)
    call check_status(status, VOSIA_E_RANGE, 'row 4 of 3')
    status = VOSIA_OK
    call vosia_results_column_name(res, 13, s, status)
    call check_status(status, VOSIA_E_RANGE, 'column 13 of 12')
    status = VOSIA_OK

    call vosia_free(res)
    call check(.not. c_assoc(res), 'vosia_free nulls the handle')
    call vosia_free(res)   ! twice is harmless

    ! An error response: the service's own text.
    call vosia_results_parse_file(res, data_dir // '/sia1_error.xml', VOSIA_SIA1, status)
    call check_status(status, VOSIA_E_SERVICE, 'error response')
    call check(index(vosia_last_error(), 'Illegal POS value') > 0, 'service message kept')
    status = VOSIA_OK

    ! Parse from memory.
    call vosia_results_parse(res, '<VOTABLE><RESOURCE type="results"><TABLE>' // &
        '<FIELD name="u" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>' // &
        '<DATA><TABLEDATA><TR><TD>http://x/a.fits</TD></TR></TABLEDATA></DATA>' // &
        '</TABLE></RESOURCE></VOTABLE>', VOSIA_SIA1, status)
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_ACCESS_URL, s, status)
    call check_status(status, VOSIA_OK, 'parse from memory')
    call check(s == 'http://x/a.fits', 'in-memory access URL')
    call vosia_free(res)
  end subroutine

  logical function c_assoc(res)
    use, intrinsic :: iso_c_binding, only: c_associated
    type(vosia_results_t), intent(in) :: res
    c_assoc = c_associated(res%ptr)
  end function

  ! CFITSIO-style status: a call entered with a failure does nothing.
  subroutine inherited_status()
    type(vosia_results_t) :: res
    integer :: status, n
    status = VOSIA_E_IO
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call vosia_results_row_count(res, n, status)
    call check_status(status, VOSIA_E_IO, 'status inherited through two calls')
    call check(n == 0, 'nothing done with a failed status')
    call check(.not. c_assoc(res), 'no handle made with a failed status')

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
    call check(c_assoc(res), 'a failed status leaves the handle alone')
    status = VOSIA_OK
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call check_status(status, VOSIA_E_INVALID_ARG, 'a handle still in use is not overwritten')
    status = VOSIA_OK
    call vosia_results_row_count(res, n, status)
    call check(status == VOSIA_OK .and. n == 3, 'the first handle still works')
    call vosia_free(res)
    call vosia_results_parse_file(res, data_dir // '/sia1_three.xml', VOSIA_SIA1, status)
    call check_status(status, VOSIA_OK, 'a freed handle variable takes a new handle')
    call vosia_free(res)
  end subroutine

  subroutine queries()
    type(vosia_service_t) :: svc, svc2
    type(vosia_query_t) :: q, q2, c
    type(vosia_results_t) :: res
    integer :: status, ver
    character(len=:), allocatable :: url
    real(c_double) :: poly(2, 3)

    status = VOSIA_OK
    call vosia_service_new(svc, 'http://127.0.0.1:9/sia1?', VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 5d0, status)
    call vosia_service_set_keepalive(svc, .true., status)
    call vosia_service_version(svc, ver, status)
    call check(ver == VOSIA_SIA1, 'service version')
    call vosia_service_base_url(svc, url, status)
    call check(url == 'http://127.0.0.1:9/sia1?', 'base URL')
    call vosia_query_new(q, svc, status)
    call vosia_query_set_pos(q, 10.68d0, 41.27d0, status)
    call vosia_query_set_size(q, 0.2d0, 0.2d0, status)
    call vosia_query_set_maxrec(q, 5, status)
    call vosia_query_set_format(q, 'image/fits', status)
    call vosia_query_set_param(q, 'object', 'M31', status)
    call vosia_query_url(q, url, status)
    call check_status(status, VOSIA_OK, 'SIA 1 query setters')
    call check(index(url, 'SIZE=0.2') > 0 .and. index(url, 'MAXREC=5') > 0, 'URL: ' // url)
    call check(index(url, 'OBJECT=M31') > 0, 'set_param in URL')

    call vosia_query_clone(q, c, status)
    call vosia_query_set_maxrec(c, 7, status)
    call vosia_query_url(c, url, status)
    call check(index(url, 'MAXREC=7') > 0, 'clone changed')
    call vosia_query_url(q, url, status)
    call check(index(url, 'MAXREC=5') > 0, 'original unchanged')
    call vosia_free(c)

    call vosia_query_add_circle(q, 10d0, 41d0, 0.1d0, status)
    call check_status(status, VOSIA_E_UNSUPPORTED, 'CIRCLE on SIA 1.0')
    status = VOSIA_OK
    call vosia_query_set_pos(q, 10d0, 95d0, status)
    call check_status(status, VOSIA_E_INVALID_ARG, 'Dec 95')
    status = VOSIA_OK

    ! Nothing listens on port 9.
    call vosia_query_execute(q, res, status)
    call check(status == VOSIA_E_CONNECT .or. status == VOSIA_E_TIMEOUT, 'execute to port 9 fails')
    call check(len(vosia_query_error(q)) > 0, 'query error text')
    call check(index(vosia_errmsg(status, q), vosia_query_error(q)) > 0, 'errmsg with query')
    status = VOSIA_OK

    call vosia_service_new(svc2, 'http://127.0.0.1:9/sia2?', VOSIA_SIA2, status)
    call vosia_query_new(q2, svc2, status)
    call vosia_free(svc2)   ! the query keeps the service alive
    call vosia_query_add_circle(q2, 10.68d0, 41.27d0, 0.1d0, status)
    call vosia_query_add_band(q2, 4d-7, 6d-7, status)
    call vosia_query_add_collection(q2, 'SIATEST   ', status)
    poly = reshape([10d0, 41d0, 11d0, 41d0, 11d0, 42d0], [2, 3])
    call vosia_query_add_polygon(q2, poly, status)
    call vosia_query_url(q2, url, status)
    call check_status(status, VOSIA_OK, 'SIA 2 query setters')
    call check(index(url, 'CIRCLE') > 0 .and. index(url, 'POLYGON') > 0, 'SIA 2 URL: ' // url)
    call check(index(url, 'COLLECTION=SIATEST') > 0 .and. index(url, 'SIATEST%20') == 0 .and. &
        index(url, 'SIATEST+') == 0, 'trimmed string in')
    call vosia_query_remove_param(q2, 'BAND', status)
    call vosia_query_url(q2, url, status)
    call check(index(url, 'BAND') == 0, 'remove_param')

    call vosia_free(q)
    call vosia_free(q2)
    call vosia_free(svc)
  end subroutine

  subroutine corpus()
    type(vosia_results_t) :: res
    integer :: status, n
    character(len=:), allocatable :: s
    real(c_double) :: d
    logical :: null

    if (.not. exists(corpus_dir // '/pyvo/sia1-dataset.xml')) then
      print '(a)', 'corpus not found: corpus checks skipped'
      return
    end if
    status = VOSIA_OK
    call vosia_results_parse_file(res, corpus_dir // '/pyvo/sia1-dataset.xml', VOSIA_SIA1, status)
    call vosia_results_row_count(res, n, status)
    call check(n == 2, 'sia1-dataset: 2 rows')
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_ACCESS_URL, s, status)
    call check(s == 'http://example.com/querydata/image.fits', 'sia1-dataset access URL')
    call vosia_results_get_std_double(res, 1, VOSIA_FIELD_RA, d, status)
    call check(near(d, 288.95078924817d0), 'sia1-dataset RA')
    call vosia_results_get_std_double(res, 2, VOSIA_FIELD_MJD_OBS, d, status, is_null=null)
    call check(null, 'sia1-dataset row 2 MJD null')
    call check_status(status, VOSIA_OK, 'sia1-dataset')
    call vosia_free(res)

    call vosia_results_parse_file(res, corpus_dir // '/pyvo/sia2-dataset.xml', VOSIA_SIA2, status)
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_FACILITY, s, status)
    call check(s == 'TEST-1.6m', 'sia2-dataset facility')
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_COLLECTION, s, status)
    call check(s == 'TEST', 'sia2-dataset collection')
    call check_status(status, VOSIA_OK, 'sia2-dataset')
    call vosia_free(res)
  end subroutine

  subroutine live()
    type(vosia_service_t) :: svc
    type(vosia_query_t) :: q
    type(vosia_results_t) :: res
    integer :: status, n, i
    character(len=:), allocatable :: s
    real(c_double) :: ra

    status = VOSIA_OK
    call vosia_service_new(svc, dachs // '/siatest/q/i/siap.xml?', VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_set_pos(q, 10.6847d0, 41.269d0, status)
    call vosia_query_set_size(q, 0.2d0, 0.2d0, status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call vosia_results_row_count(res, n, status)
    call check_status(status, VOSIA_OK, 'live SIA 1.0 search')
    call check(n > 0, 'live SIA 1.0: rows found')
    do i = 1, n
      call vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, s, status)
      call check(index(s, '/getproduct/siatest/data/') > 0, 'live access URL ' // s)
      call vosia_results_get_std_double(res, i, VOSIA_FIELD_RA, ra, status)
      call check(abs(ra - 10.6847d0) < 1d0, 'live RA near M31')
    end do
    call vosia_free(res)
    call vosia_free(q)
    call vosia_free(svc)

    call vosia_service_new(svc, dachs // '/siatest/q/sia2/siap2.xml?', VOSIA_SIA2, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_add_circle(q, 10.6847d0, 41.269d0, 0.1d0, status)
    call vosia_query_set_maxrec(q, 3, status)
    call vosia_query_execute(q, res, status)
    if (status /= VOSIA_OK) write (error_unit, '(a)') vosia_errmsg(status, q)
    call vosia_results_row_count(res, n, status)
    call check(n > 0 .and. n <= 3, 'live SIA 2.0: 1 to 3 rows')
    call vosia_results_get_std_str(res, 1, VOSIA_FIELD_COLLECTION, s, status)
    call check(s == 'SIATEST', 'live SIA 2.0 collection')
    call check_status(status, VOSIA_OK, 'live SIA 2.0 search')
    call vosia_free(res)
    call vosia_free(q)
    call vosia_free(svc)
  end subroutine

end program test_fortran
