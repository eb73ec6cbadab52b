"""A real browser: the system's headless Chromium (Debian's chromium + chromium-driver) through Selenium,
against uvicorn on 127.0.0.1. Nothing is downloaded: Selenium Manager is made to fail if anything calls it.

Upload the bundled sample, see its one known finding (规范性文件 4 in the text, 5 in 表二) marked on the
正文 sentence and on the table cell, download the Word draft and the batch's summary workbook and open them.
Screenshots of the pages go to tests/web/screenshots/.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.selenium_manager import SeleniumManager
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from workbook.layout import LAYOUT

from .conftest import SAMPLE_NAME, Running

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SHOTS = Path(__file__).with_name("screenshots")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--lang=zh-CN")


@pytest.fixture(scope="module")
def site():
    with Running() as s:
        yield s


def _browser(downloads: Path, scripts: bool = True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    if not scripts:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_window_size(1280, 900)
    return driver


@pytest.fixture
def browser(tmp_path, monkeypatch):
    def no_manager(*args, **kwargs):
        raise AssertionError("Selenium Manager was invoked: it would download a browser or driver")

    monkeypatch.setattr(SeleniumManager, "binary_paths", no_manager)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _browser(downloads)
    driver.downloads = downloads
    yield driver
    driver.quit()


def shoot(driver, name: str) -> Path:
    """A screenshot of the whole page (the window made as tall as the page)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 600), 8000))
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / name
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 900)
    return path


def wait_download(folder: Path, suffix: str, timeout: float = 30) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done and not any(p.suffix == ".crdownload" for p in folder.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded: {list(folder.iterdir())}")


def upload(driver, url: str, files: list[Path], button: str, shot: str = "") -> None:
    driver.get(url)
    if shot:
        shoot(driver, shot)
    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys("\n".join(str(f) for f in files))
    driver.find_element(By.XPATH, f"//button[text()='{button}']").click()


def test_single_file_page(site, browser, sample, tmp_path):
    src = tmp_path / SAMPLE_NAME
    src.write_bytes(sample)
    upload(browser, site.url + "/", [src], "开始校验", shot="index.png")
    WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.ID, "findings")))

    assert SAMPLE_NAME in browser.find_element(By.TAG_NAME, "h1").text
    assert "发现 1 个错误" in browser.find_element(By.ID, "verdict").text
    sentence = browser.find_element(By.CSS_SELECTOR, "mark.err")
    assert "规范性文件，共 4 件" in sentence.text
    assert "为 5，相差 1" in sentence.get_attribute("title")
    cell = browser.find_element(By.ID, "c-" + "t2.gfxwj.zf".replace(".", "-"))
    assert "err" in cell.get_attribute("class").split() and cell.text == "5"
    assert "相差 1" in cell.get_attribute("title")
    assert len(browser.find_elements(By.CSS_SELECTOR, "td.err")) == 1  # only the cell the finding marks
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#findings a")]
    assert any(h.endswith("#" + sentence.get_attribute("id")) for h in links)
    assert any(h.endswith("#" + cell.get_attribute("id")) for h in links)
    assert LAYOUT["t2.gfxwj.zf"].ref in browser.find_element(By.ID, "findings").text
    shoot(browser, "single-file.png")

    # the finding's link brings the cell into view, outlined (:target)
    browser.find_element(By.CSS_SELECTOR, f"#findings a[href$='#{cell.get_attribute('id')}']").click()
    assert browser.execute_script("return document.querySelector(':target').id") == cell.get_attribute("id")

    browser.find_element(By.LINK_TEXT, "下载 Word 报告").click()  # refused: the sample has an error
    assert "未生成 Word 报告" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.PARTIAL_LINK_TEXT, "仍然导出草稿").click()
    docx = wait_download(browser.downloads, ".docx")
    assert docx.name == "温县 2024年 年报（草稿）.docx"
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "温县人民政府办公室" in text
    headers = "".join(p.text for s in Document(docx).sections for p in s.header.paragraphs)
    assert "草稿" in headers


def test_batch_page(site, browser, sample, clean_sample, tmp_path):
    files = []
    for i, data in enumerate((sample, clean_sample, b"not a workbook", sample), 1):
        f = tmp_path / f"单位{i}.xlsx"
        f.write_bytes(data)
        files.append(f)
    upload(browser, site.url + "/batch", files, "开始审核")
    WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.ID, "units")))
    rows = browser.find_elements(By.CSS_SELECTOR, "#units tbody tr")
    assert len(rows) == 4
    verdicts = [r.find_elements(By.TAG_NAME, "td")[5].text for r in rows]
    assert verdicts == ["有错误", "通过", "无法读取", "有错误"]

    browser.find_element(By.LINK_TEXT, "错误数").click()  # sorted in the page by the script
    errors = [r.find_elements(By.TAG_NAME, "td")[3].get_attribute("data-v") for r in browser.find_elements(By.CSS_SELECTOR, "#units tbody tr")]
    assert errors == sorted(errors, key=int)
    browser.find_element(By.PARTIAL_LINK_TEXT, "错误数").click()
    errors = [r.find_elements(By.TAG_NAME, "td")[3].get_attribute("data-v") for r in browser.find_elements(By.CSS_SELECTOR, "#units tbody tr")]
    assert errors == sorted(errors, key=int, reverse=True)
    shoot(browser, "batch.png")

    browser.find_element(By.PARTIAL_LINK_TEXT, "下载汇总表").click()
    book = load_workbook(wait_download(browser.downloads, ".xlsx"), read_only=True)
    assert book.sheetnames == ["汇总", "问题清单"]
    units = list(book["汇总"].iter_rows(values_only=True))
    assert len(units) == 5 and units[0][:3] == ("序号", "机关名称", "年度")
    issues = list(book["问题清单"].iter_rows(values_only=True))
    assert any("相差 1" in (r[-1] or "") and r[4] for r in issues[1:])
    assert sum(1 for r in issues[1:] if r[6] == "无法读取") == 1

    browser.find_element(By.LINK_TEXT, "温县人民政府办公室").click()  # a row opens the single-file page
    assert browser.find_element(By.CSS_SELECTOR, "mark.err")


def test_batch_without_scripts(site, tmp_path, sample, monkeypatch):
    """Scripts off: the upload, the waiting page (it refreshes itself) and the sorting links still work."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _browser(downloads, scripts=False)
    try:
        files = []
        for i in range(12):  # enough to run in worker processes
            f = tmp_path / f"单位{i:02d}.xlsx"
            f.write_bytes(sample)
            files.append(f)
        upload(driver, site.url + "/batch", files, "开始审核")
        WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.ID, "units")))
        assert len(driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")) == 12
        driver.find_element(By.LINK_TEXT, "机关名称").click()
        assert "sort=org" in driver.current_url
        assert driver.find_element(By.CSS_SELECTOR, "th[aria-sort]").text.startswith("机关名称")
    finally:
        driver.quit()


def test_lan_mode_token_link_then_cookie(browser):
    """The link with the token opens the page; afterwards the browser needs no token in the address."""
    token = "office-token-2025"
    with Running(host="0.0.0.0", token=token) as lan:
        browser.get(lan.url + "/batch")
        assert "需要访问令牌" in browser.find_element(By.TAG_NAME, "body").text
        browser.get(f"{lan.url}/batch?token={token}")
        assert browser.current_url == lan.url + "/batch"
        assert browser.find_element(By.TAG_NAME, "h1").text == "批量审核"
        browser.get(lan.url + "/new")
        assert browser.find_element(By.TAG_NAME, "h1").text == "新建模板"
