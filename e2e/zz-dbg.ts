import { openSignedInContext } from './harness';
(async () => {
  const { browser, context } = await openSignedInContext('http://localhost:3000');
  const page = await context.newPage();
  await page.goto('http://localhost:3000/catalog');
  const rowOf = (name: string) => page.locator('tbody tr').filter({ has: page.locator(`a[href$="/component/${name}"]`) });
  for (let i = 0; i < 10; i++) {
    console.log(i, await rowOf('fra40-breakout').count(), await page.locator('tbody tr').count(), page.url());
    await page.waitForTimeout(1000);
  }
  console.log(await rowOf('fra40-breakout').innerText());
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
