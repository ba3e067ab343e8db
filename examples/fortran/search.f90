! search: search an SIA 1.0 service by position with the Fortran module vosia and print the
! images found (title, RA, Dec, MJD, access URL), and with DIR download them into that
! (existing) folder; or read a saved response with -f.
!
!     search URL RA DEC SIZE [DIR]
!         e.g. search 'http://127.0.0.1:8080/siatest/q/i/siap.xml?' 10.68 41.27 0.2 images
!     search -f RESPONSE.xml
!
! It shows the module's conventions: one status threaded through every call and checked once,
! whole columns read in one call each into arrays, nulls through is_null (a null is not an
! error), allocatable strings; and the one exception, downloads, whose handle comes back
! also when some failed, so that each file's outcome can be read.
program search
  use, intrinsic :: iso_c_binding, only: c_double, c_int64_t
  use vosia
  implicit none
  type(vosia_service_t) :: svc
  type(vosia_query_t) :: q
  type(vosia_results_t) :: res
  type(vosia_downloads_t) :: dl
  integer :: status, title_status, st, entry_status
  integer(c_int64_t) :: n, i
  real(c_double) :: ra0, dec0, size
  real(c_double), allocatable :: ra(:), dec(:), mjd(:)
  logical, allocatable :: no_mjd(:)
  character(len=30), allocatable :: title(:)
  character(len=2048), allocatable :: url(:)
  character(len=1024) :: arg1, arg2, arg3, arg4, dir
  character(len=:), allocatable :: text

  status = VOSIA_OK
  dir = ''
  call get_command_argument(1, arg1)
  call get_command_argument(2, arg2)
  if (arg1 == '-f' .and. command_argument_count() == 2) then
    call vosia_results_parse_file(res, arg2, VOSIA_SIA1, status)
  else if (command_argument_count() == 4 .or. command_argument_count() == 5) then
    call get_command_argument(3, arg3)
    call get_command_argument(4, arg4)
    call get_command_argument(5, dir)
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
    print '(a)', 'usage: search URL RA DEC SIZE [DIR] | search -f RESPONSE.xml'
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

  ! With DIR: every image into it, several at a time. When some fail, status is the first
  ! failure and dl still holds every file's outcome, read with a status of its own.
  if (status == VOSIA_OK .and. len_trim(dir) > 0) then
    call vosia_service_download_rows(svc, res, dir, dl, status)
    if (status /= VOSIA_OK) print '(a,a)', 'search: ', vosia_errmsg(status)
    st = VOSIA_OK
    call vosia_downloads_count(dl, n, st)
    do i = 1, n
      call vosia_downloads_status(dl, i, entry_status, st)
      if (entry_status == VOSIA_OK) then
        call vosia_downloads_get_path(dl, i, text, st)
        print '(a,a)', 'saved ', text
      else
        call vosia_downloads_get_error(dl, i, text, st)
        print '(a,i0,a,a)', 'row ', i, ' not saved: ', text
      end if
    end do
    call vosia_free(dl)
  end if
  call vosia_free(res)
  call vosia_free(q)
  call vosia_free(svc)
  if (status /= VOSIA_OK) stop 1
end program search
