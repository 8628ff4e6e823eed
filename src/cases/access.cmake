# cases, restricted access part: applications for restricted detail, attachments with their
# metadata removed, the experience atlas and the macro view (included from CMakeLists.txt).
target_sources(rutile_cases PRIVATE
  application_service.cc
  atlas_service.cc
  attachment_service.cc
  media_type.cc
)
target_link_libraries(rutile_cases PUBLIC rutile_media)

add_library(rutile_cases_access_routes routes/application_routes.cc routes/atlas_routes.cc)
target_include_directories(rutile_cases_access_routes PUBLIC routes)
target_link_libraries(rutile_cases_access_routes PUBLIC rutile_cases rutile_http
                      PRIVATE Boost::json)

rutile_test(cases_image_metadata_test
  SOURCES image_metadata_test.cc
  LIBS rutile_cases Boost::json)
rutile_test(cases_access_service_test
  SOURCES application_service_test.cc attachment_service_test.cc atlas_service_test.cc
  LIBS rutile_cases rutile_identity rutile_notifications Boost::json rutile_test_support)
rutile_test(cases_access_routes_test
  SOURCES routes/application_routes_test.cc
  LIBS rutile_cases_access_routes rutile_identity rutile_notifications Boost::json rutile_test_support)
foreach(t cases_image_metadata_test cases_access_service_test cases_access_routes_test)
  if(TARGET ${t})
    target_include_directories(${t} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                                            ${PROJECT_SOURCE_DIR}/tests/cases
                                            ${PROJECT_SOURCE_DIR}/tests/store)
    target_compile_definitions(${t} PRIVATE
      RUTILE_CASES_CORPUS="${PROJECT_SOURCE_DIR}/tests/cases/planted_corpus.json"
      RUTILE_CASES_ACCESS_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/cases-access.json")
  endif()
endforeach()

# Benchmark at scale (not a test, not in ctest): bench/cases/run.sh builds and runs it.
rutile_benchmark(cases_bench
  SOURCES ${PROJECT_SOURCE_DIR}/bench/cases/cases_bench.cc
  LIBS rutile_cases rutile_identity rutile_notifications
  INCLUDES ${CMAKE_CURRENT_SOURCE_DIR})
