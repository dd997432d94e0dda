"""The endpoints the micro-bench drives, each as a wrk script that checks every answer's content.

wrk runs the script's `response` for every answer: a wrong status or content counts as wrong (and the
first one is shown), so a fast error page can never pass for throughput.
"""

from dataclasses import dataclass

ADDRESS = '{"name":"Micro Bench","street":"1 Loop Rd","city":"Utrecht","postal_code":"3511","country":"NL"}'


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    check: str  # a Lua expression over `body` that is true for a right answer
    status: int = 200
    method: str = "GET"
    dynamic_body: str = ""  # a Lua expression for each request's body, where it changes


def architecture_endpoints(word: str, books: int) -> list[Endpoint]:
    """A book, a page of 20, a search, a quote, one order (last: it changes stock)."""
    line = f'\'{{"items":[{{"book_id":\' .. math.random(1, {books}) .. \',"quantity":1}}]'
    order = f'{line},"shipping_address":{ADDRESS}}}\''
    return [
        Endpoint("book", "/api/books/7", "body:find('\"id\":%s*7[,}%s]') and body:find('\"title\"', 1, true)"),
        Endpoint(
            "page",
            "/api/books?page=3&page_size=20",
            "body:find('\"page\":%s*3[,}%s]') and select(2, body:gsub('\"price_cents\"', '')) == 20",
        ),
        Endpoint(
            "search",
            f"/api/books?q={word}",
            f"body:find('\"items\"', 1, true) and body:lower():find('{word}', 1, true)",
        ),
        Endpoint(
            "quote",
            "/api/shipping/quote?book_id=7&quantity=1&country=NL",
            "body:find('\"cost_cents\"', 1, true) and body:find('\"eta_days\"', 1, true)",
        ),
        Endpoint(
            "order",
            "/api/orders",
            'body:find(\'"status":%s*"confirmed"\')',
            status=201,
            method="POST",
            dynamic_body=order,
        ),
    ]


FLOOR = Endpoint("floor", "/floor", "body:find('\"The floor\"', 1, true)")
JSON_HOP = Endpoint("JSON hop", "/floor-pair", FLOOR.check)
SOAP_HOP = Endpoint("SOAP hop", "/floor-soap", FLOOR.check)


def lua(endpoint: Endpoint, headers: dict[str, str]) -> str:
    """The wrk script: the request, the check of each answer, and one JSON line of results at the end."""
    set_headers = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())
    request = (
        f"""
math.randomseed(os.time())
function request()
  return wrk.format("{endpoint.method}", "{endpoint.path}", nil, {endpoint.dynamic_body})
end"""
        if endpoint.dynamic_body
        else f'wrk.method = "{endpoint.method}"'
    )
    return f"""{set_headers}
{request}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
wrong, sample = 0, nil
function response(status, headers, body)
  if status ~= {endpoint.status} or not ({endpoint.check}) then
    wrong = wrong + 1
    if sample == nil then sample = status .. " " .. string.sub(body or "", 1, 200) end
  end
end
function done(summary, latency, requests)
  local total_wrong, example = 0, nil
  for _, thread in ipairs(threads) do
    total_wrong = total_wrong + thread:get("wrong")
    example = example or thread:get("sample")
  end
  local e = summary.errors
  io.write(string.format('RESULT {{"requests":%d,"duration_us":%d,"socket_errors":%d,"non_2xx":%d,' ..
    '"wrong":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f}}\\n', summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status, total_wrong, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.mean))
  if example then io.write("WRONG " .. example .. "\\n") end
end
"""
