-- wrk script: POST one quick-query request (hard chrome bath, 55 °C, grade 2 titanium).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"material":"Ti-Gr2","medium":{"preset":"hard-chrome-sulfate","temperature_c":55}}'
