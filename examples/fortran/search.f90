! search: search an SIA 1.0 service by position with the Fortran module vosia and print the
! images found (title, RA, Dec, MJD, access URL); or read a saved response with -f.
!
!     search URL RA DEC SIZE      e.g. search 'http://127.0.0.1:8080/siatest/q/i/siap.xml?' 10.68 41.27 0.2
!     search -f RESPONSE.xml
!
! It shows the module's conventions: one status threaded through every call and checked once,
! whole columns read in one call each into arrays, nulls through is_null (a null is not an
! error), allocatable strings.
program search
  use, intrinsic :: iso_c_binding, only: c_double, c_int64_t
  use vosia
  implicit none
  type(vosia_service_t) :: svc
  type(vosia_query_t) :: q
  type(vosia_results_t) :: res
  integer :: status, title_status
  integer(c_int64_t) :: n, i
  real(c_double) :: ra0, dec0, size
  real(c_double), allocatable :: ra(:), dec(:), mjd(:)
  logical, allocatable :: no_mjd(:)
  character(len=30), allocatable :: title(:)
  character(len=2048), allocatable :: url(:)
  character(len=1024) :: arg1, arg2, arg3, arg4

  status = VOSIA_OK
  call get_command_argument(1, arg1)
  call get_command_argument(2, arg2)
  if (arg1 == '-f' .and. command_argument_count() == 2) then
    call vosia_results_parse_file(res, arg2, VOSIA_SIA1, status)
  else if (command_argument_count() == 4) then
    call get_command_argument(3, arg3)
    call get_command_argument(4, arg4)
    read (arg2, *) ra0
    read (arg3, *) dec0
    read (arg4, *) size
    call vosia_service_new(svc, arg1, VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_set_pos(q, ra0, dec0, status)
    call vosia_query_set_size(q, size, size, status)
    call vosia_query_execute(q, res, status)
  else
    print '(a)', 'usage: search URL RA DEC SIZE | search -f RESPONSE.xml'
    stop 2
  end if

  call vosia_results_row_count(res, n, status)
  allocate(ra(n), dec(n), mjd(n), no_mjd(n), title(n), url(n))
  call vosia_results_get_std_double_column(res, VOSIA_FIELD_RA, ra, status)
  call vosia_results_get_std_double_column(res, VOSIA_FIELD_DEC, dec, status)
  call vosia_results_get_std_double_column(res, VOSIA_FIELD_MJD_OBS, mjd, status, is_null=no_mjd)
  call vosia_results_get_std_text_column(res, VOSIA_FIELD_ACCESS_URL, url, status)
  ! a title longer than 30 characters is cut, which is VOSIA_E_BUFFER_SIZE: fine for a listing
  title_status = status
  call vosia_results_get_std_text_column(res, VOSIA_FIELD_TITLE, title, title_status)
  if (title_status /= VOSIA_E_BUFFER_SIZE) status = title_status

  if (status == VOSIA_OK) then
    print '(i0,a)', n, ' images'
    where (no_mjd) mjd = -1
    do i = 1, n
      print '(a,1x,f10.5,1x,f10.5,1x,f11.4,1x,a)', title(i), ra(i), dec(i), mjd(i), trim(url(i))
    end do
  else
    print '(a,a)', 'search: ', vosia_errmsg(status, q)
  end if
  call vosia_free(res)
  call vosia_free(q)
  call vosia_free(svc)
  if (status /= VOSIA_OK) stop 1
end program search
